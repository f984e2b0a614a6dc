"""The commands of ``remsym``, one module each, imported only when their command runs
(:class:`remsym.cli.LazyGroup`): ``remsym eval`` does not load the checker, and
``remsym check`` does not load matplotlib."""
