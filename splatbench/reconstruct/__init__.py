"""Your own photos to Gaussians: ``splatbench reconstruct`` and its pieces.

``photos`` reads a folder of images and its cameras (COLMAP model, transforms.json or a pose
backend), ``views`` picks the context views, ``normalize`` maps between the user's world frame
and the frame the model expects, ``video`` renders camera paths to MP4, ``viewer`` writes the
offline ``viewer.html``, and ``pipeline`` runs them in order.
"""
