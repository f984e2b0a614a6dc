"""Numeric layer: validated quadrature references, lambdas, and the eval service."""
