"""The live desk's demo data, one module per part, called by library/demo.py (seed_demo)."""
