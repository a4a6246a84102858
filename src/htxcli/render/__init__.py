"""Output: Rich tables for people, csv and json through the standard library for machines."""
