"""The live desk's selectors, one module per part."""
