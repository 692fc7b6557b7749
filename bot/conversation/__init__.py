"""The conversation: transport-neutral events in, replies out; the engine, turns, views, state."""
