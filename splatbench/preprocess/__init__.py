"""Pose preprocessing: estimate cameras for every frame of a chunk dataset and store them as new keys.

``backends`` holds the estimators behind one small interface (:class:`~splatbench.preprocess.backends.PoseBackend`),
registered by name in ``POSE_BACKENDS``. The runner (``splatbench preprocess``) reads chunks, splits long
scenes into overlapping windows, aligns them, and writes the same chunks with the source's keys added.
"""
