"""Persons and their ordinary employments."""
