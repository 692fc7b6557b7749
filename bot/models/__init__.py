"""Model files the bot ships (nothing is downloaded at run time): see each folder's README."""
