"""Learned decisions: small models trained on the gold (``rasd train events``) that decide between the
candidates the rules propose. Inference is numpy over committed weights (``rasd/data/models/events/``)."""
