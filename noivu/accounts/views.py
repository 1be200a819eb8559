"""Views: parse, authorise, call the action, render."""
