"""Pose and depth preprocessing (pose sources for the data layer). Roadmap item 2."""
