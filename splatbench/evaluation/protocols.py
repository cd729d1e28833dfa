"""Evaluation protocols as data: every choice that changes a number, in one versioned record.

A protocol fixes the metric settings (SSIM window and covariance rule, LPIPS network and input
normalisation), the metric groups, the averaging rule and, for a named benchmark protocol, the
index file (by sha256), image size, crop/resize rule and how context and target views are chosen.
Its ``protocol_id`` is the name plus a hash of all settings, so a changed setting is a different
protocol, never a silently different number.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field

# Bump when the meaning of a field changes (the id hashes it too).
PROTOCOL_SCHEMA_VERSION = 1

AVERAGING_RULES = {
    "scene-mean": "mean over each scene's target views, then unweighted mean over scenes (the reference's)",
}

# World-frame choices that change what a model sees (and so its scores).
POSE_ALIGNMENTS = {
    "none": "the dataset's world frame",
    # ReSplat's published evaluation (dataset.pose_align_middle_view=true).
    "middle-context-view": "every camera re-expressed relative to the middle context camera (ReSplat's evaluation)",
}


@dataclass(frozen=True)
class MetricSettings:
    """Settings of the image metrics (skimage / lpips keyword names)."""

    # PSNR on both images clipped to [0, 1].
    psnr_clip: bool = True
    ssim_gaussian_weights: bool = True
    ssim_window: int = 11
    ssim_sample_covariance: bool = True
    ssim_data_range: float = 1.0
    lpips_net: str = "vgg"
    lpips_version: str = "0.1"
    # True: inputs in [0, 1] are mapped to [-1, 1] before the network (lpips' normalize=True).
    lpips_normalize: bool = True


@dataclass(frozen=True)
class EvaluationProtocol:
    """A named evaluation protocol. ``index`` / ``index_sha256`` are None for an ad-hoc protocol
    (test mode on whatever index the config names); the index actually used is recorded per run."""

    name: str
    description: str = ""
    index: str | None = None
    index_sha256: str | None = None
    image_shape: tuple[int, int] | None = None
    crop_rule: str = "resize shorter side with LANCZOS (antialiased), then centre crop (pixelSplat's rescale_and_crop)"
    context_selection: str = "index file: the listed context frames"
    target_selection: str = "index file: the listed target frames"
    num_context_views: int | None = 2
    metric_groups: tuple[str, ...] = ("image",)
    metrics: MetricSettings = field(default_factory=MetricSettings)
    averaging: str = "scene-mean"
    # How the world frame is chosen before the model sees the cameras (POSE_ALIGNMENTS).
    pose_alignment: str = "none"

    def __post_init__(self) -> None:
        if self.averaging not in AVERAGING_RULES:
            raise ValueError(f"protocol {self.name}: averaging {self.averaging!r} is not one of {', '.join(AVERAGING_RULES)}")
        if self.pose_alignment not in POSE_ALIGNMENTS:
            raise ValueError(f"protocol {self.name}: pose_alignment {self.pose_alignment!r} is not one of {', '.join(POSE_ALIGNMENTS)}")

    def settings(self) -> dict:
        """Every field except the free-text description, JSON-ready. ``pose_alignment`` appears
        only when set, so the ids of protocols defined before it existed stay the same."""
        data = dataclasses.asdict(self)
        data.pop("description")
        if data["pose_alignment"] == "none":
            data.pop("pose_alignment")
        data["schema_version"] = PROTOCOL_SCHEMA_VERSION
        return data

    @property
    def settings_hash(self) -> str:
        text = json.dumps(self.settings(), sort_keys=True, default=list)
        return hashlib.sha256(text.encode()).hexdigest()[:8]

    @property
    def protocol_id(self) -> str:
        return f"{self.name}@{self.settings_hash}"

    def record(self) -> dict:
        """What every result file carries."""
        return {"id": self.protocol_id, **self.settings(), "description": self.description,
                "averaging_rule": AVERAGING_RULES[self.averaging]}


# What test mode and the periodic evaluation use: the reference's metrics on the configured index.
REFERENCE_METRICS = EvaluationProtocol(
    name="reference-metrics",
    description="DepthSplat's test-mode metrics on the configured index and image size",
    num_context_views=None,
)


# Test mode on data with ground-truth depth (dataset.load_depth_maps=true): the depth metrics of
# the encoder's context-view depth join the image metrics (splatbench extension).
REFERENCE_METRICS_WITH_DEPTH = EvaluationProtocol(
    name="reference-metrics-depth",
    description="DepthSplat's test-mode metrics plus depth metrics (AbsRel, ..., delta) against context-view depth",
    num_context_views=None,
    metric_groups=("image", "depth"),
)


def file_sha256(path) -> str:
    import hashlib as _hashlib

    digest = _hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _re10k(name: str, index: str, sha256: str, description: str) -> EvaluationProtocol:
    return EvaluationProtocol(
        name=name,
        description=description,
        index=index,
        index_sha256=sha256,
        image_shape=(256, 256),
        num_context_views=2,
        target_selection="index file: 3 listed target frames between the contexts",
    )


# Named protocols. Add one here (never edit one in place: that changes its id, and old results no
# longer compare). Index files are found by name under the benchmark's index folders.
PROTOCOLS: dict[str, EvaluationProtocol] = {
    p.name: p
    for p in (
        _re10k(
            "re10k-pixelsplat-256",
            "evaluation_index_re10k.json",
            "fbcff9b4b13139227d809af45b84bb5a7a9cdb1c7a55bced85b6c66556a219cc",
            "RealEstate10K test, pixelSplat/MVSplat/DepthSplat index (6474 scenes), 2 views, 256x256",
        ),
        _re10k(
            "re10k-noposplat-high-256",
            "evaluation_index_re10k_high.json",
            "92bf1fc59a81d72a7c999f1d06fd8daa1772936d84a122002b34c57b104869c3",
            "NoPoSplat's index, context overlap 0.55-0.80 (1630 scenes)",
        ),
        _re10k(
            "re10k-noposplat-medium-256",
            "evaluation_index_re10k_medium.json",
            "8610ffaee110b35469388bb721e77421ecff341d810ace15e2541bb60e571b7d",
            "NoPoSplat's index, context overlap 0.30-0.55 (2565 scenes)",
        ),
        _re10k(
            "re10k-noposplat-small-256",
            "evaluation_index_re10k_small.json",
            "0614ff42ec55b28700c3baa19b015bf72edc63dc9cffd1a68d1e648080f690ea",
            "NoPoSplat's index, context overlap 0.05-0.30 (1403 scenes)",
        ),
        _re10k(
            "acid-pixelsplat-256",
            "evaluation_index_acid.json",
            "7a08cf5c612b60b407c4cd395ff945180d852e1f7f4c0442102ad85e0e3a2fd1",
            "ACID test, pixelSplat/MVSplat index (1595 scenes), 2 views, 256x256",
        ),
        EvaluationProtocol(
            name="dtu-mvsplat-nctx2-256",
            description="DTU (16 test scenes), MVSplat's 2-view index, 256x256, near 2.125 far 4.525 "
            "(+experiment=mvsplat/dtu): each scene runs 4 times, one target frame each",
            index="evaluation_index_dtu_nctx2.json",
            index_sha256="bb23a837cd644a51a88e3ecd32c3e38ca5a979214431bc6720bc6897c4a3cfbc",
            image_shape=(256, 256),
            num_context_views=2,
            target_selection="index file: entries SCENE_00..03 (dataset.test_times_per_scene=4), 1 target frame each; "
            "each entry is scored as its own scene",
        ),
        EvaluationProtocol(
            name="custom",
            description="any index, image size and number of context views (each result records them)",
            num_context_views=None,
        ),
    )
}


def with_dataset_options(protocol: EvaluationProtocol, dataset_cfg) -> EvaluationProtocol:
    """``protocol`` as the dataset config actually runs it: a switched-on pose alignment
    (``dataset.pose_align_middle_view``) becomes part of the protocol and of its name and id."""
    if not getattr(dataset_cfg, "pose_align_middle_view", False) or protocol.pose_alignment != "none":
        return protocol
    return dataclasses.replace(protocol, name=f"{protocol.name}+align-middle", pose_alignment="middle-context-view")


def get_protocol(name: str) -> EvaluationProtocol:
    if name not in PROTOCOLS:
        raise ValueError(f"protocol {name!r} is not one of {', '.join(PROTOCOLS)}")
    return PROTOCOLS[name]


def check_protocol_inputs(protocol: EvaluationProtocol, index_path, image_shape: tuple[int, int] | None, num_context_views: int | None) -> str:
    """Refuse an index / image size / view count the protocol does not allow; return the index sha256."""
    sha = file_sha256(index_path)
    if protocol.index_sha256 is not None and sha != protocol.index_sha256:
        raise ValueError(f"{index_path}: sha256 {sha[:12]}... is not protocol {protocol.name}'s index ({protocol.index_sha256[:12]}...)")
    if protocol.image_shape is not None and image_shape is not None and tuple(image_shape) != tuple(protocol.image_shape):
        raise ValueError(f"dataset.image_shape {list(image_shape)} is not protocol {protocol.name}'s {list(protocol.image_shape)}")
    if protocol.num_context_views is not None and num_context_views is not None and num_context_views != protocol.num_context_views:
        raise ValueError(f"num_context_views {num_context_views} is not protocol {protocol.name}'s {protocol.num_context_views}")
    return sha


def software_versions() -> dict[str, str]:
    import platform

    import numpy
    import torch

    import splatbench

    versions = {"splatbench": splatbench.__version__, "torch": torch.__version__, "numpy": numpy.__version__,
                "python": platform.python_version()}
    from importlib.metadata import PackageNotFoundError, version

    for package in ("gsplat", "pytorch-lightning", "scikit-image"):  # read from metadata: no import, no JIT
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            pass
    return versions


def device_description() -> str:
    import torch

    if torch.cuda.is_available():
        return torch.cuda.get_device_name(0)
    import platform

    return f"cpu ({platform.processor() or platform.machine()})"
