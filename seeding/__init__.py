"""Seed data: the demo world (`manage.py load_demo`) and the national-scale dataset
(`manage.py generate_national`)."""
