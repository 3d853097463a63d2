"""Commands: build, check, new year, serve, publish and the manual, each from the stages below."""
