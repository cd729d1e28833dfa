"""ReSplat: official key tables, strict checkpoint loading, PyTorch kNN / point attention against
float64 loops, test-time refinement steps, and a tiny model that trains."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from splatbench.model.checkpoints import CheckpointMismatchError, load_pretrained_weights
from splatbench.model.encoder.resplat import EncoderReSplat, resplat_preset
from splatbench.model.encoder.resplat.point_transformer import KNNAttention, knn_indices
from splatbench.model.generated_weights import fill_weights_from_names, load_shape_table, write_fake_official_checkpoint
from splatbench.render import render_gaussians
from splatbench.render.settings import RESPLAT_GSPLAT

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(autouse=True)
def _one_thread():
    """The tiny tensors here gain nothing from a second thread, and on a busy machine two
    OpenMP threads make the backward passes many times slower."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)
# Keys and parameters (tensor elements, BatchNorm statistics included) of the official models,
# from the reference module tree built with the published test settings (golden/README.md).
OFFICIAL = {"re10k": (842, 222_146_030), "dl3dv": (842, 223_980_854)}


@pytest.mark.parametrize("preset", ["re10k", "dl3dv"])
def test_state_dict_equals_official_key_table(preset):
    expected = load_shape_table(GOLDEN / f"resplat_{preset}_state_dict.tsv")
    with torch.device("meta"):
        encoder = EncoderReSplat(resplat_preset(preset))
    ours = {f"encoder.{key}": tuple(value.shape) for key, value in encoder.state_dict().items()}
    assert ours == expected
    assert list(ours) == list(expected)  # registration order too
    assert (len(ours), sum(torch.Size(s).numel() for s in ours.values())) == OFFICIAL[preset]


def _context(batch=1, views=2, size=32, seed=0):
    generator = torch.Generator().manual_seed(seed)
    extrinsics = torch.eye(4).repeat(batch, views, 1, 1)
    extrinsics[:, :, 0, 3] = torch.linspace(0, 0.3, views)
    intrinsics = torch.tensor([[0.9, 0, 0.5], [0, 0.9, 0.5], [0, 0, 1.0]]).repeat(batch, views, 1, 1)
    return {
        "image": torch.rand(batch, views, 3, size, size, generator=generator),
        "intrinsics": intrinsics,
        "extrinsics": extrinsics,
        "near": torch.full((batch, views), 1.0),
        "far": torch.full((batch, views), 20.0),
    }


@pytest.fixture(scope="module")
def tiny_encoder():
    encoder = EncoderReSplat(resplat_preset("tiny")).eval()
    return fill_weights_from_names(encoder, prefix="encoder.")


def test_tiny_checkpoint_loads_strictly_and_reproduces_outputs(tmp_path, tiny_encoder):
    state = {f"encoder.{key}": value for key, value in tiny_encoder.state_dict().items()}
    path = write_fake_official_checkpoint(tmp_path / "resplat-tiny.pth", "full_raw", state)
    fresh = EncoderReSplat(resplat_preset("tiny")).eval()
    report = load_pretrained_weights(fresh, path, kind="model", strict=True)
    assert report.loaded == len(state) and not report.missing and not report.unexpected
    context = _context()
    with torch.no_grad():
        expected, got = tiny_encoder(context, num_refine=1), fresh(context, num_refine=1)
    torch.testing.assert_close(got["gaussians"].means, expected["gaussians"].means, rtol=0, atol=0)


def test_checkpoint_of_other_layout_is_refused_by_name(tmp_path):
    """A DL3DV-layout checkpoint does not load into the RE10K layout; the error names keys."""
    with torch.device("meta"):
        source = EncoderReSplat(resplat_preset("tiny_dl3dv"))
    state = {f"encoder.{key}": torch.zeros(value.shape) for key, value in source.state_dict().items()}
    path = write_fake_official_checkpoint(tmp_path / "dl3dv.pth", "full_wrapped", state)
    target = EncoderReSplat(resplat_preset("tiny"))
    with pytest.raises(CheckpointMismatchError, match="mis-shaped"):
        load_pretrained_weights(target, path, kind="model", strict=True)


def test_knn_matches_float64_brute_force_and_is_chunk_invariant():
    generator = torch.Generator().manual_seed(1)
    points = torch.rand(2, 300, 3, generator=generator)
    expected = torch.cdist(points.double(), points.double()).topk(7, largest=False).indices
    got = knn_indices(points, 7)
    assert torch.equal(got.sort(-1).values, expected.sort(-1).values)
    assert torch.equal(got[..., 0], torch.arange(300).expand(2, 300))  # each point is its own nearest
    assert torch.equal(knn_indices(points, 7, pair_budget=1000), got)  # 3 queries per chunk
    with pytest.raises(ValueError, match="k=400"):
        knn_indices(points, 400)


def test_knn_attention_matches_float64_loop():
    torch.manual_seed(0)
    attention = KNNAttention(16, proj_channels=8, chunk_size=37).double()
    features = torch.randn(2, 100, 16, dtype=torch.float64)
    knn = knn_indices(torch.rand(2, 100, 3), 5)
    got = attention(features, knn)
    q, k, v = attention.qkv(features).chunk(3, dim=-1)
    expected = torch.empty(2, 100, 8, dtype=torch.float64)
    for b in range(2):
        for i in range(100):
            keys, values = k[b, knn[b, i]], v[b, knn[b, i]]
            weights = torch.softmax(keys @ q[b, i] / 8**0.5, dim=0)
            expected[b, i] = weights @ values
    torch.testing.assert_close(got, attention.proj(expected), rtol=0, atol=1e-12)


def test_refinement_steps_are_chosen_at_test_time(tiny_encoder):
    context = _context()
    with torch.no_grad():
        none = tiny_encoder(context, num_refine=0)
        three = tiny_encoder(context, num_refine=3)
    assert len(none["gaussians_per_step"]) == 1 and len(three["gaussians_per_step"]) == 4
    torch.testing.assert_close(three["gaussians_per_step"][0].means, none["gaussians"].means)
    assert not torch.equal(three["gaussians"].means, none["gaussians"].means)
    without_update = EncoderReSplat(resplat_preset("tiny", num_refine=0))
    assert not any(key.startswith("update_") for key in without_update.state_dict())
    with pytest.raises(ValueError, match="update module"):
        without_update(context, num_refine=1)


def test_tiny_resplat_trains_with_falling_loss():
    """A few Adam steps on one synthetic scene: the photometric loss of the refined Gaussians
    (rendered into held-out target views) and of the initial ones falls."""
    torch.manual_seed(0)
    encoder = EncoderReSplat(resplat_preset("tiny", num_refine=1)).train()
    encoder.depth_predictor.pretrained.requires_grad_(False)  # as the refinement stage trains (lr_monodepth 0)
    context = _context(views=3, size=32, seed=3)
    target = {key: value[:, 1:2] for key, value in context.items()}
    context = {key: value[:, ::2] for key, value in context.items()}
    optimizer = torch.optim.Adam([p for p in encoder.parameters() if p.requires_grad], lr=2e-4)
    settings = RESPLAT_GSPLAT.with_near_plane(1.0)
    losses = []
    for _ in range(3):
        output = encoder(context)
        loss = 0.0
        for gaussians in output["gaussians_per_step"]:
            color = render_gaussians(
                gaussians, target["extrinsics"], target["intrinsics"], target["near"], target["far"], (32, 32),
                scale_invariant=False, principal_point="exact", settings=settings,
            ).color  # fmt: skip
            loss = loss + (color - target["image"]).square().mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < losses[0], losses


@pytest.mark.parametrize("experiment, preset", [("re10k_resplat", "re10k"), ("dl3dv_resplat", "dl3dv")])
def test_experiment_configs_build_the_official_models(experiment, preset):
    import dataclasses

    from omegaconf import OmegaConf

    from splatbench.cli.hydra_main import compose
    from splatbench.config.validate import build_root_config
    from splatbench.model.encoder import get_encoder

    cfg = build_root_config(OmegaConf.to_container(compose([f"+experiment={experiment}", "mode=test"]), resolve=True))
    assert dataclasses.asdict(cfg.model.encoder) == dataclasses.asdict(resplat_preset(preset))
    assert (cfg.model.decoder.raster, cfg.model.decoder.scale_invariant, cfg.model.decoder.principal_point) == (
        "resplat", False, "exact")
    assert cfg.dataset.pose_align_middle_view is False  # protocol-changing option: off unless asked
    with torch.device("meta"):
        encoder, _ = get_encoder(cfg.model.encoder)
    assert isinstance(encoder, EncoderReSplat)


def test_yaml_lists_every_config_field():
    import dataclasses

    import yaml

    from splatbench.model.encoder.resplat.config import EncoderReSplatCfg

    path = Path(__file__).resolve().parents[2] / "splatbench/config/hydra/model/encoder/resplat.yaml"
    assert set(yaml.safe_load(path.read_text())) == {f.name for f in dataclasses.fields(EncoderReSplatCfg)}


def test_middle_view_alignment_is_part_of_the_protocol():
    from types import SimpleNamespace

    from splatbench.evaluation.protocols import get_protocol, with_dataset_options

    protocol = get_protocol("re10k-pixelsplat-256")
    assert with_dataset_options(protocol, SimpleNamespace(pose_align_middle_view=False)) is protocol
    aligned = with_dataset_options(protocol, SimpleNamespace(pose_align_middle_view=True))
    assert aligned.name == "re10k-pixelsplat-256+align-middle"
    assert aligned.record()["pose_alignment"] == "middle-context-view"
    assert aligned.protocol_id != protocol.protocol_id and "pose_alignment" not in protocol.settings()


def test_antialiased_rasterisation_scales_opacity_by_the_dilation_ratio():
    """gsplat's antialiased mode, hand-computed for one Gaussian seen head-on at the image centre:
    alpha at the centre pixel = opacity * sqrt(det(S) / det(S + 0.1 I)), S its 2D covariance."""
    from splatbench.geometry.gaussians import Gaussians

    sigma_world, depth, focal, size = 0.01, 2.0, 32.0, 32
    gaussians = Gaussians(
        means=torch.tensor([[[0.0, 0.0, depth]]]),
        covariances=(sigma_world**2 * torch.eye(3))[None, None],
        harmonics=torch.zeros(1, 1, 3, 1),
        opacities=torch.tensor([[0.5]]),
    )
    cameras = dict(
        extrinsics=torch.eye(4)[None, None],
        intrinsics=torch.tensor([[focal / size, 0, 0.5], [0, focal / size, 0.5], [0, 0, 1.0]])[None, None],
        near=torch.tensor([[0.5]]), far=torch.tensor([[10.0]]),
    )  # fmt: skip
    variance = (focal * sigma_world / depth) ** 2  # pixels^2
    # The pixel centre (16.5, 16.5) is half a pixel from the projected centre (16, 16) on each axis.
    falloff = torch.exp(torch.tensor(-0.5 * 2 * 0.25 / (variance + 0.1)))
    expected = 0.5 * (variance / (variance + 0.1)) * falloff
    rendered = render_gaussians(gaussians, **cameras, image_shape=(size, size), scale_invariant=False,
                                principal_point="exact", settings=RESPLAT_GSPLAT.with_near_plane(0.5))
    torch.testing.assert_close(rendered.alpha[0, 0, 16, 16], expected.float(), rtol=1e-5, atol=1e-7)


def test_speed_benchmark_times_a_resplat_case():
    """``splatbench bench --cases resplat_base_2v_256`` (the GPU run) takes the same path."""
    from splatbench.evaluation.speed import CASES, BenchOptions, bench_case

    assert CASES["resplat_base_2v_256"].preset == "resplat-base"
    options = BenchOptions(device="cpu", repeats=1, warmup=0, precisions=["fp32"])
    figures = bench_case(CASES["resplat_tiny_2v_32"], options, torch.device("cpu"))["precisions"]["fp32"]
    assert figures["encoder_ms"] > 0 and figures["end_to_end_ms"] > 0


def test_tiny_resplat_trains_through_the_training_pipeline(tmp_path):
    """``splatbench train`` with the tiny ReSplat on the example set for two steps: config,
    data shim, model wrapper, decoder with ReSplat's raster settings, losses on every refinement
    step. (The falling loss is shown on a fixed scene above; two steps on different scenes only
    show that the pipeline runs and logs finite losses.)"""
    import math

    from splatbench.training.run import train
    from tests.training.e2e_helpers import build_example_set, load_cfg, logged_losses, tiny_overrides

    example = build_example_set(tmp_path / "example")
    output_dir = tmp_path / "run"
    overrides = tiny_overrides(
        example, output_dir, "train", "model/encoder=resplat_tiny", "model.decoder.raster=resplat",
        "model.decoder.scale_invariant=false", "model.decoder.principal_point=exact",
        "trainer.max_steps=2", "checkpointing.every_n_train_steps=1000",
    )  # fmt: skip
    cfg = load_cfg(overrides)
    assert cfg.model.encoder.name == "resplat" and cfg.model.encoder.num_refine == 1
    train(cfg)
    losses = logged_losses(output_dir)
    assert sorted(losses) == [0, 1] and all(math.isfinite(v) and v > 0 for v in losses.values())


@pytest.mark.parametrize(
    "override, key",
    [
        ({"refine_use_local_knn": True}, "refine_use_local_knn"),
        ({"latent_downsample": 3}, "latent_downsample"),
        ({"num_refine": 0, "test_num_refine": 2}, "test_num_refine"),
        ({"no_upsample_depth": True}, "no_upsample_depth"),
    ],
)
def test_unsupported_settings_are_refused_naming_the_key(override, key):
    from splatbench.model.encoder.resplat.config import resplat_config_problems

    cfg = resplat_preset("tiny", **override)
    assert any(key in problem for problem in resplat_config_problems(cfg))
    with pytest.raises(ValueError, match=key):
        EncoderReSplat(cfg)


def test_benchmark_spec_runs_resplat_on_the_example_set(tmp_path):
    """A benchmark run of a ReSplat checkpoint (official layout, generated weights) on the example
    set with ReSplat's middle-view alignment switched on: scores for every asked scene, and the
    alignment in the recorded protocol."""
    import json

    import yaml

    from splatbench.data.example import make_example_dataset
    from splatbench.evaluation.benchmark.runner import run_benchmark, unit_dir_for
    from splatbench.evaluation.benchmark.spec import load_spec

    data = make_example_dataset(tmp_path / "data", num_scenes=1, num_test_scenes=2, num_frames=24, context_gap=10,
                                include_middlebury=False)  # fmt: skip
    encoder = fill_weights_from_names(EncoderReSplat(resplat_preset("tiny", num_refine=1)), prefix="encoder.")
    state = {f"encoder.{key}": value for key, value in encoder.state_dict().items()}
    write_fake_official_checkpoint(tmp_path / "resplat-tiny.pth", "full_raw", state)
    spec = {"resamples": 100, "runs": [{
        "name": "resplat-tiny", "checkpoint": "resplat-tiny.pth", "experiment": "demo_tiny", "dataset_root": "data",
        "indices": {"all": "data/evaluation_index.json"},
        "overrides": ["model/encoder=resplat_tiny", "model.decoder.raster=resplat", "model.decoder.scale_invariant=false",
                      "model.decoder.principal_point=exact", "dataset.pose_align_middle_view=true"],
    }]}  # fmt: skip
    (tmp_path / "spec.yaml").write_text(yaml.safe_dump(spec))
    loaded = load_spec(tmp_path / "spec.yaml")
    run_benchmark(loaded, tmp_path / "out", device="cpu", progress=False)
    (unit,) = loaded.units
    unit_dir = unit_dir_for(tmp_path / "out", unit.key())
    scores = json.loads((unit_dir / "metrics" / "scores_all_avg.json").read_text())
    assert scores["encoder"][0] == 2 and 5 < scores["psnr"] < 60
    record = json.loads((unit_dir / "metrics" / "run_record.json").read_text())
    assert record["protocol"]["pose_alignment"] == "middle-context-view"
    assert record["protocol"]["id"].startswith("custom+align-middle@")


def test_api_builds_resplat_from_the_method_registry_with_its_renderer(tmp_path, tiny_encoder):
    """``from_checkpoint(path, method="resplat-tiny")``: strict load, ReSplat's decoder settings,
    reconstruct and render."""
    from splatbench.api import from_checkpoint

    state = {f"encoder.{key}": value for key, value in tiny_encoder.state_dict().items()}
    path = write_fake_official_checkpoint(tmp_path / "resplat-tiny.pth", "full_wrapped", state)
    model = from_checkpoint(path, method="resplat-tiny")
    assert isinstance(model.encoder, EncoderReSplat)
    decoder = model.decoder.cfg
    assert (decoder.raster, decoder.scale_invariant, decoder.principal_point) == ("resplat", False, "exact")
    context = _context()
    gaussians = model.reconstruct(context["image"][0], context["extrinsics"][0], context["intrinsics"][0], near=1.0, far=20.0)
    assert gaussians.means.shape == (1, 2 * 32 * 32, 3)
    rendered = model.render(gaussians, context["extrinsics"][0, :1], context["intrinsics"][0, :1], (32, 32), near=1.0, far=20.0)
    assert rendered.color.shape == (1, 1, 3, 32, 32) and torch.isfinite(rendered.color).all()
