"""The command line: one module per command group and the one error boundary."""
