"""Data: chunk readers (RealEstate10K, DL3DV, VGGT-processed), view samplers, shims, importers, example set."""
