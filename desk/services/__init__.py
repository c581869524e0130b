"""The live desk's services, one module per part."""
