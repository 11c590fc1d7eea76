"""Execution plans: each valid operation compiled once into how every selected value is produced, then answered
level by level with one batch per loader per level (schema/plan/run.py), instead of field by field."""
