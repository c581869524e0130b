"""The live desk's forms, one module per part."""
