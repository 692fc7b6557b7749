"""Content: the YAML knowledge base and quiz, loaded with their lines, validated, typed. Pure."""
