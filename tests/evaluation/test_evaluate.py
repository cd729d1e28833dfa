"""evaluate(): one loop for test mode, periodic evaluation and baselines; metric-group registry;
protocol metric settings against scikit-image."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from skimage.metrics import structural_similarity

from splatbench.evaluation.baselines import NearestContextModel, nearest_context_copy
from splatbench.evaluation.evaluate import EvaluationOptions, SplatModel, evaluate
from splatbench.evaluation.metric_groups import METRIC_GROUPS, MetricGroup, register_metric_group
from splatbench.evaluation.metrics import compute_ssim
from splatbench.evaluation.protocols import REFERENCE_METRICS, EvaluationProtocol, MetricSettings
from tests.training.fakes import FakeDecoder, FakeEncoder, fake_loader, make_example


def test_scores_are_float64_means_of_per_scene_means_and_batches_split_into_scenes():
    examples = [make_example(i) for i in range(3)]
    batches = [torch.utils.data.default_collate(examples[:2]), torch.utils.data.default_collate(examples[2:])]
    report = evaluate(NearestContextModel(), batches, options=EvaluationOptions(progress=False))
    assert [row.scene for row in report.scenes] == ["scene000", "scene001", "scene002"]
    # Independent oracle: float64 MSE per target view, mean per scene, mean over scenes.
    per_scene = []
    for example in examples:
        batch = torch.utils.data.default_collate([example])
        copy = nearest_context_copy(batch)[0].double().clip(0, 1)
        gt = batch["target"]["image"][0].double().clip(0, 1)
        per_scene.append(np.mean([-10 * np.log10(((g - c) ** 2).mean().item()) for g, c in zip(gt, copy)]))
    assert report.averages()["psnr"] == pytest.approx(np.mean(per_scene), rel=1e-6)
    assert report.scenes[1].context_indices == [10, 11] and report.scenes[1].target_indices == [12, 13]
    assert report.timing_summary()["decoder"][0] == 6


def test_splat_model_skip_markers_and_timing_skip():
    model = SplatModel(FakeEncoder(), FakeDecoder(), render_chunk_size=1)
    data = list(fake_loader(3)) + [{"__skipped__": True, "scene": ["wanted", "not_in_index"]}]
    options = EvaluationOptions(timing_skip_batches=1, evaluation_scenes={"scene000", "scene001", "scene002", "wanted"}, progress=False)
    report = evaluate(model, data, options=options)
    assert len(report.scenes) == 3 and report.skipped == ["wanted"]
    assert report.timing_summary()["encoder"][0] == 2 and len(report.timings["encoder"]) == 3
    # chunked rendering (one target per call) gives the same scores as one call
    whole = SplatModel(model.encoder, FakeDecoder())
    assert evaluate(whole, list(fake_loader(3)), options=EvaluationOptions(progress=False)).averages() == report.averages()


def test_extra_metric_group_lands_in_every_row_and_the_csv(tmp_path):
    from splatbench.evaluation.report import write_test_metrics

    def mean_abs(scene, settings):
        return {"mae": float((scene.color - scene.ground_truth).abs().mean())}

    register_metric_group(MetricGroup("test_mae", ("mae",), mean_abs))
    try:
        with pytest.raises(ValueError, match="already belong"):
            register_metric_group(MetricGroup("clash", ("psnr",), mean_abs))
        protocol = EvaluationProtocol(name="with-mae", metric_groups=("image", "test_mae"))
        report = evaluate(NearestContextModel(), list(fake_loader(2)), protocol, options=EvaluationOptions(progress=False))
        assert report.metric_names == ["psnr", "ssim", "lpips", "mae"]
        write_test_metrics(tmp_path, report, compute_scores=True)
        header = (tmp_path / "scores_per_scene.csv").read_text().splitlines()[0]
        assert header == "scene,context_indices,target_indices,psnr,ssim,lpips,mae"
        assert (tmp_path / "scores_mae_all.json").is_file()
    finally:
        METRIC_GROUPS.pop("test_mae")


@pytest.mark.parametrize(("gaussian", "window", "sample_covariance"), [(False, 7, True), (False, 11, False), (True, 11, False)])
def test_ssim_settings_match_skimage(gaussian, window, sample_covariance):
    generator = torch.Generator().manual_seed(3)
    gt = torch.rand(2, 3, 40, 33, generator=generator, dtype=torch.float64)
    pred = (gt + 0.2 * torch.randn(gt.shape, generator=generator, dtype=torch.float64))
    ours = compute_ssim(gt, pred, gaussian_weights=gaussian, win_size=window, sample_covariance=sample_covariance)
    expected = [
        structural_similarity(g.numpy(), p.numpy(), win_size=window, gaussian_weights=gaussian, channel_axis=0,
                              data_range=1.0, use_sample_covariance=sample_covariance)
        for g, p in zip(gt, pred)
    ]
    np.testing.assert_allclose(ours.numpy(), expected, atol=1e-12, rtol=0)


def test_protocol_id_changes_with_any_setting():
    changed = EvaluationProtocol(name=REFERENCE_METRICS.name, num_context_views=None, metrics=MetricSettings(ssim_sample_covariance=False))
    assert changed.protocol_id != REFERENCE_METRICS.protocol_id
    assert changed.protocol_id.startswith("reference-metrics@")
    assert EvaluationProtocol(name=REFERENCE_METRICS.name, num_context_views=None).protocol_id == REFERENCE_METRICS.protocol_id


def test_named_protocols_of_the_published_table_pin_their_index_files(shared_data):
    """Every protocol a published row names is registered; the ACID one pins the shared ACID index."""
    from splatbench.evaluation.benchmark.published import PUBLISHED
    from splatbench.evaluation.protocols import PROTOCOLS, check_protocol_inputs

    unregistered = {row.protocol for row in PUBLISHED} - set(PROTOCOLS)
    assert unregistered <= {"dl3dv-resplat-8v-256x448"}  # ReSplat's DL3DV index is not public here
    acid = PROTOCOLS["acid-pixelsplat-256"]
    assert check_protocol_inputs(acid, shared_data / "eval_index" / acid.index, (256, 256), 2) == acid.index_sha256
    with pytest.raises(ValueError, match="sha256"):
        check_protocol_inputs(PROTOCOLS["dtu-mvsplat-nctx2-256"], shared_data / "eval_index" / acid.index, (256, 256), 2)
