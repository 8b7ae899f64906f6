"""Views of the assessment campaigns, one module per screen (see urls.py)."""
