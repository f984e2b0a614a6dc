"""The ``remsym`` command line: parse, call the library, render (DESIGN.md contract).

Every ``RemsymError`` (and click's usage errors, and an output that cannot be
written) ends as one line on stderr and exit status 2; ``check`` exits 1 when a
derivation ``failed``.  Anything else is a bug of remsym's: one line and exit
status 3 (``REMSYM_DEBUG=1`` re-raises it with its traceback).

The commands live in :mod:`remsym.commands`, one module each, and are imported
when they run (click's lazily loaded subcommands): :data:`COMMANDS` names them,
and a derivation collection adds its own (``remsym simulate``) through
:func:`remsym.collection.collections`.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from remsym.collection import collections, resolve
from remsym.errors import DerivationError, RemsymError

#: The engine's commands: name -> ``"module:attribute"`` of the click command.
COMMANDS: dict[str, str] = {
    "check": "remsym.commands.check:check",
    "eval": "remsym.commands.evaluate:eval_",
    "latex": "remsym.commands.report:latex",
    "plot": "remsym.commands.figure:plot",
}


def all_commands() -> dict[str, str]:
    """The engine's commands and every collection's (named after their attribute)."""
    found = dict(COMMANDS)
    for collection in collections():
        for path in collection.commands:
            found.setdefault(path.rpartition(":")[2], path)
    return found


class LazyGroup(click.Group):
    """A click group whose commands are imported when they are looked up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(all_commands())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        path = all_commands().get(cmd_name)
        if path is None:
            return None
        command: Any = resolve(path)
        if not isinstance(command, click.Command):
            raise DerivationError(f"{path} is {type(command).__name__}, not a click command")
        return command


def _fail(message: str) -> None:
    click.echo(f"remsym: error: {message}", err=True)
    sys.exit(2)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="remsym")
def cli() -> None:
    """Re-derive and verify derivations (the installed papers', or PATH modules) with SymPy."""


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        _fail("aborted")
    except click.exceptions.ClickException as exc:
        _fail(exc.format_message().splitlines()[0])
    except RemsymError as exc:
        _fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _fail("interrupted")
    except OSError as exc:  # an unwritable output, a full disk: the user's to fix
        _fail(f"{exc.strerror or type(exc).__name__}: {exc.filename or exc}")
    except Exception as exc:  # a bug of remsym's: one line here, the traceback on request
        if os.environ.get("REMSYM_DEBUG"):
            raise
        first = (str(exc).splitlines() or [""])[0]
        click.echo(f"remsym: internal error: {type(exc).__name__}: {first} "
                   "(REMSYM_DEBUG=1 shows the traceback; please report it)", err=True)
        sys.exit(3)


def console_main() -> None:
    """The ``remsym`` script: :func:`main`, with Python's own exit (``atexit`` runs)."""
    main()


if __name__ == "__main__":
    console_main()
