"""Models: encoders that predict Gaussians from posed images, decoders that render them."""
