"""Matching: a person's words to answer ids (folding, analysis, scoring, composed answers). Pure."""
