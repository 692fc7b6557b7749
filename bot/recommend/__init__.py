"""Recommending: from a profile to ranked roles, reasons, gaps, next steps and a chart. Pure."""
