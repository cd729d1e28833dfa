"""Configuration: published command lines parse, reference defaults hold, bad values stop early."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from splatbench.cli.hydra_main import compose
from splatbench.config.loader import ConfigError, to_dataclass
from splatbench.config.validate import build_root_config, validate

from published_commands import PUBLISHED, STUDY_EVAL, STUDY_FINETUNE, TRAIN_BASE, TRAIN_DL3DV

REPO = Path(__file__).resolve().parents[2]
HYDRA_DIR = REPO / "splatbench" / "config" / "hydra"


def typed(overrides: list[str]):
    from omegaconf import OmegaConf

    return build_root_config(OmegaConf.to_container(compose(overrides), resolve=True))


@pytest.mark.parametrize("label", sorted(PUBLISHED))
def test_every_published_command_line_parses(label):
    cfg = typed(PUBLISHED[label])
    assert cfg.mode in ("train", "test")
    assert cfg.model.encoder.name == ("mvsplat" if label.startswith("mvsplat") else "depthsplat")


def test_mvsplat_experiments_build_the_published_model():
    """+experiment=mvsplat/re10k (and acid, dtu) resolve to the model official re10k.ckpt fits:
    the preset of the method registry, up to the UniMatch path read only in train mode."""
    import dataclasses

    from splatbench.model.encoder import encoder_preset

    for experiment in ("re10k", "acid", "dtu"):
        cfg = typed([f"+experiment=mvsplat/{experiment}", "mode=test", "dataset/view_sampler=evaluation"])
        assert dataclasses.replace(cfg.model.encoder, unimatch_weights_path=None) == encoder_preset("mvsplat")
        assert (cfg.dataset.near, cfg.dataset.far) == ((2.125, 4.525) if experiment == "dtu" else (1.0, 100.0))


def test_study_evaluation_line_resolves_to_reference_values():
    cfg = typed(STUDY_EVAL)
    assert cfg.mode == "test"
    assert cfg.dataset.name == "re10k"
    assert list(cfg.dataset.image_shape) == [256, 256]
    assert (cfg.dataset.near, cfg.dataset.far) == (0.5, 100.0)
    assert cfg.dataset.view_sampler.name == "evaluation"
    assert cfg.dataset.view_sampler.index_path == "assets/evaluation_index_re10k.json"
    assert cfg.model.encoder.upsample_factor == 4 and cfg.model.encoder.lowest_feature_resolution == 4
    assert cfg.model.encoder.monodepth_vit_type == "vits" and cfg.model.encoder.num_scales == 1
    assert cfg.test.save_image and cfg.test.save_gt_image and cfg.test.save_input_images
    assert cfg.test.eval_time_skip_steps == 5
    assert set(cfg.loss) == {"mse", "lpips"}
    assert cfg.loss["lpips"].weight == 0.05 and cfg.loss["lpips"].apply_after_step == 0
    assert cfg.checkpointing.pretrained_model == "pretrained/epoch_212-step_277951.ckpt"
    assert cfg.output_dir == "outputs/tmp"
    assert cfg.model.decoder.name == "splatting_cuda"


def test_study_finetune_line_resolves():
    cfg = typed(STUDY_FINETUNE)
    assert cfg.mode == "train"
    assert cfg.data_loader.train.batch_size == 1
    assert cfg.trainer.max_steps == 4_800_000
    assert cfg.model.encoder.gaussian_adapter.gaussian_scale_max == 0.3
    assert cfg.checkpointing.every_n_train_steps == 100_000 and cfg.checkpointing.resume is False
    # The bounded sampler gets RealEstate10K's curriculum injected by the dataset-specific config.
    sampler = cfg.dataset.view_sampler
    assert sampler.name == "bounded"
    assert (sampler.min_distance_between_context_views, sampler.max_distance_between_context_views) == (45, 135)
    assert (sampler.initial_min_distance_between_context_views, sampler.initial_max_distance_between_context_views) == (25, 45)
    assert sampler.warm_up_steps == 30000 and sampler.num_target_views == 4


def test_main_yaml_defaults_match_reference():
    cfg = typed([])
    assert cfg.mode == "train" and cfg.seed == 111123
    assert cfg.dataset.name == "re10k" and list(cfg.dataset.image_shape) == [180, 320]
    assert cfg.dataset.near == -1 and cfg.dataset.far == -1
    assert set(cfg.loss) == {"mse"} and cfg.loss["mse"].weight == 1.0
    assert (cfg.optimizer.lr, cfg.optimizer.lr_monodepth, cfg.optimizer.weight_decay) == (2e-4, 2e-6, 0.01)
    assert cfg.checkpointing.every_n_train_steps == 5000 and cfg.checkpointing.save_top_k == 5
    assert cfg.data_loader.train.num_workers == 10 and cfg.data_loader.train.batch_size == 4
    assert cfg.data_loader.test.seed == 2345 and cfg.data_loader.val.seed == 3456
    assert cfg.trainer.gradient_clip_val == 0.5 and cfg.trainer.val_check_interval == 0.5
    assert cfg.train.intermediate_loss_weight == 0.9 and cfg.test.stab_camera_kernel == 50
    enc = cfg.model.encoder
    assert enc.gaussian_adapter.gaussian_scale_max == 3.0 and enc.gaussian_adapter.sh_degree == 2
    assert enc.gaussian_adapter.gaussian_scale_min == 1e-10
    assert enc.local_mv_match == 2 and enc.shim_patch_size == 4 and enc.downscale_factor == 4


def test_base_and_dl3dv_lines():
    base = typed(TRAIN_BASE)
    assert (base.model.encoder.num_scales, base.model.encoder.upsample_factor) == (2, 2)
    assert base.model.encoder.monodepth_vit_type == "vitb"
    assert base.checkpointing.pretrained_monodepth == "pretrained/depth_anything_v2_vitb.pth"
    dl3dv = typed(TRAIN_DL3DV)
    assert dl3dv.dataset.name == "dl3dv" and (dl3dv.dataset.near, dl3dv.dataset.far) == (0.5, 200.0)
    assert (dl3dv.dataset.min_views, dl3dv.dataset.max_views) == (2, 6)
    assert dl3dv.dataset.view_sampler.name == "boundedv2"
    assert dl3dv.dataset.view_sampler.num_context_views == 6 and dl3dv.dataset.view_sampler.num_target_views == 8
    assert dl3dv.dataset.view_sampler.extra_views_sampling_strategy == "farthest_point"
    assert dl3dv.model.encoder.shim_patch_size == 16 and dl3dv.trainer.num_nodes == 2


def test_wrong_type_and_unknown_key_name_the_key():
    from omegaconf import OmegaConf

    container = OmegaConf.to_container(compose(["+experiment=re10k"]), resolve=True)
    container["data_loader"]["train"]["batch_size"] = "eight"
    with pytest.raises(ConfigError, match=r"^data_loader\.train\.batch_size: expected an integer"):
        build_root_config(container)
    container = OmegaConf.to_container(compose(["+experiment=re10k"]), resolve=True)
    container["model"]["encoder"]["no_such_knob"] = 1
    with pytest.raises(ConfigError, match=r"^model\.encoder\.no_such_knob: unknown key"):
        build_root_config(container)


@pytest.mark.parametrize(
    "overrides, message",
    [
        (["dataset.near=5.0", "dataset.far=1.0"], r"^dataset\.near: must be smaller than dataset\.far"),
        (["dataset.image_shape=[-4,64]"], r"^dataset\.image_shape\[0\]: must be positive"),
        (["data_loader.train.batch_size=0"], r"^data_loader\.train\.batch_size: must be positive"),
        (["checkpointing.pretrained_model=/nonexistent/model.ckpt"], r"^checkpointing\.pretrained_model: file not found: /nonexistent/model.ckpt"),
        (["mode=test", "dataset/view_sampler=evaluation", "dataset.view_sampler.index_path=/nonexistent/index.json"], r"^dataset\.view_sampler\.index_path: file not found"),
        (["model.encoder.gaussian_adapter.gaussian_scale_max=-1"], r"gaussian_scale_max: must be positive"),
        (["dataset.test_times_per_scene=0"], r"^dataset\.test_times_per_scene: must be positive, got 0"),
        (["dataset.train_times_per_scene=-2"], r"^dataset\.train_times_per_scene: must be positive, got -2"),
        (["train.throughput_warmup_steps=-3"], r"^train\.throughput_warmup_steps: must be non-negative, got -3"),
    ],
)
def test_impossible_values_stop_with_one_line(overrides, message):
    with pytest.raises(ConfigError, match=message) as info:
        validate(typed(["+experiment=re10k", *overrides]))
    assert "\n" not in str(info.value)


def test_repeated_test_scenes_need_run_entries_in_the_index(tmp_path):
    """dataset.test_times_per_scene > 1 looks up SCENE_00, SCENE_01, ...: an index without them
    would evaluate nothing, so it stops at start-up."""
    index = tmp_path / "evaluation_index.json"
    index.write_text('{"scan1_train": {"context": [0, 8], "target": [4]}}')
    overrides = ["+experiment=re10k", "mode=test", "dataset/view_sampler=evaluation", f"dataset.view_sampler.index_path={index}"]
    with pytest.raises(ConfigError, match=r"^dataset\.test_times_per_scene: 4 runs per scene need index entries named SCENE_00"):
        validate(typed([*overrides, "dataset.test_times_per_scene=4"]))
    index.write_text('{"scan1_train_00": {"context": [0, 8], "target": [4]}}')
    validate(typed([*overrides, "dataset.test_times_per_scene=4"]))


def _yaml_keys(path: Path) -> set[str]:
    data = yaml.safe_load(path.read_text()) or {}
    return {k for k in data if k != "defaults"}


def _fields(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def test_every_dataclass_field_is_in_the_yaml_tree():
    """Every field must be in the YAML so that a command-line override needs no '+' prefix."""
    from splatbench.data import config as data_config
    from splatbench.model.decoder.config import DecoderSplattingCfg
    from splatbench.model.encoder.config import EncoderDepthSplatCfg
    from splatbench.training import config as training_config

    main = yaml.safe_load((HYDRA_DIR / "main.yaml").read_text())
    sections = {
        "optimizer": training_config.OptimizerCfg,
        "checkpointing": training_config.CheckpointingCfg,
        "train": training_config.TrainCfg,
        "test": training_config.TestCfg,
        "trainer": training_config.TrainerCfg,
        "wandb": training_config.WandbCfg,
    }
    for section, cls in sections.items():
        assert _fields(cls) == set(main[section]), section
    for stage in ("train", "test", "val"):
        assert _fields(data_config.DataLoaderStageCfg) == set(main["data_loader"][stage])
    assert _fields(EncoderDepthSplatCfg) == _yaml_keys(HYDRA_DIR / "model/encoder/depthsplat.yaml")
    assert _fields(DecoderSplattingCfg) == _yaml_keys(HYDRA_DIR / "model/decoder/splatting_cuda.yaml")
    for name, cls in (("re10k", data_config.DatasetRE10kCfg), ("dl3dv", data_config.DatasetDL3DVCfg)):
        yaml_keys = _yaml_keys(HYDRA_DIR / f"dataset/{name}.yaml") | {"overfit_to_scene", "view_sampler"}
        missing = _fields(cls) - yaml_keys
        assert not missing, f"dataset/{name}.yaml lacks {sorted(missing)}"


def _run(args: list[str], cwd: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(REPO)},
    )


def test_src_main_prints_resolved_config(tmp_path):
    result = _run(["-m", "src.main", "--cfg", "job", "+experiment=re10k"], REPO, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "image_shape:" in result.stdout and "- 256" in result.stdout
    assert "near: 0.5" in result.stdout and "name: depthsplat" in result.stdout


def test_seed_line_with_missing_files_stops_with_one_clear_line(tmp_path):
    overrides = [o for o in STUDY_EVAL] + [f"output_dir={tmp_path}/out"]
    result = _run(["-m", "src.main", *overrides], tmp_path, tmp_path)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "not found" in lines[0]
    assert ("evaluation_index_re10k.json" in lines[0]) or ("epoch_212-step_277951.ckpt" in lines[0])
    assert not (tmp_path / "out" / "metrics").exists()


def test_console_help_has_examples():
    from splatbench.cli.main import build_parser

    parser = build_parser()
    sub = parser._subparsers._group_actions[0].choices
    for name in ("train", "test"):
        text = sub[name].format_help()
        assert "Example:" in text and f"splatbench {name} +experiment=re10k" in text


def test_study_experiment_switches_pose_source_and_fork_defaults():
    cfg = typed(["+experiment=re10k_vggt"])
    assert cfg.dataset.pose_source == "vggt" and cfg.dataset.near_far_source == "depth_range"
    assert cfg.dataset.roots == ["datasets/vggt_re10k"] and list(cfg.dataset.image_shape) == [256, 256]
    assert cfg.model.encoder.gaussian_adapter.gaussian_scale_max == 0.3
    assert (cfg.optimizer.lr, cfg.optimizer.lr_monodepth, cfg.optimizer.weight_decay) == (1e-5, 1e-6, 0.0025)
    assert cfg.checkpointing.no_strict_load is True
    assert cfg.train.freeze == ["encoder.depth_predictor.backbone", "encoder.depth_predictor.pretrained"]
    # Everything else stays the re10k experiment's.
    assert set(cfg.loss) == {"mse", "lpips"} and cfg.trainer.max_steps == 300_001
