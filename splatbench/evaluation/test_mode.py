"""Test mode inside Lightning's test loop: the hooks a LightningModule mixes in to run
``evaluate()``'s per-scene step on every test batch and write the metric files at the end.

Lightning drives the loop (so DDP test mode shares the training strategy); the scoring, output
writing and rank merging are the evaluation package's. The host module provides ``encoder``,
``decoder``, ``data_shim``, ``test_cfg`` (``TestCfg``), ``output_dir`` and ``evaluation_scenes``, and
may set ``evaluation_protocol`` (default: the reference's metrics).
"""

from __future__ import annotations

import logging
from pathlib import Path

from splatbench.evaluation.evaluate import EvaluationOptions, Evaluator, SplatModel
from splatbench.evaluation.outputs import SceneOutputWriter
from splatbench.evaluation.protocols import REFERENCE_METRICS
from splatbench.evaluation.report import EvaluationReport, gather_reports, write_test_metrics

logger = logging.getLogger(__name__)


class TestModeHooks:
    """``on_test_start`` / ``test_step`` / ``on_test_epoch_end`` for a LightningModule."""

    last_test_report: EvaluationReport | None = None
    evaluator: Evaluator | None = None

    def splat_model(self) -> SplatModel:
        return SplatModel(
            self.encoder,
            self.decoder,
            self.data_shim,
            render_chunk_size=self.test_cfg.render_chunk_size,
            global_step=lambda: self.global_step,
            device=self.device,
        )

    def on_test_start(self) -> None:
        options = EvaluationOptions(
            timing_skip_batches=self.test_cfg.eval_time_skip_steps,
            compute_scores=self.test_cfg.compute_scores,
            render=not self.train_cfg.forward_depth_only,
            evaluation_scenes=self.evaluation_scenes,
            rank=self.global_rank,
        )
        writer = SceneOutputWriter(self.test_cfg, self.output_dir)
        protocol = getattr(self, "evaluation_protocol", None) or REFERENCE_METRICS
        self.evaluator = Evaluator(self.splat_model(), protocol, writer, options)

    def test_step(self, batch: dict, batch_idx: int) -> None:
        self.evaluator.add_batch(batch, batch_idx)

    def on_test_epoch_end(self) -> None:
        report = gather_reports(self.evaluator.report(), self.trainer.world_size)
        if self.trainer.is_global_zero:
            write_test_metrics(Path(self.test_cfg.output_path), report, self.test_cfg.compute_scores)
            for name, value in report.averages().items():
                logger.info("%s %s", name, value)
            for tag, (calls, mean) in report.timing_summary().items():
                logger.info("%s: %d calls, avg. %s seconds per call", tag, calls, mean)
        self.last_test_report = report
