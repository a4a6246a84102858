"""Typer commands: parse options, call a service, render. Heavy imports stay inside the commands."""
