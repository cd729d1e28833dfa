"""Multi-GPU training and evaluation, measured (issue 17): run on a machine with 2 GPUs.

Parts (``--parts``, comma-separated; default ``allreduce,throughput,independent``), each a real
``python -m splatbench`` process (so Lightning's launchers are the ones users get):
  allreduce    the gradient all-reduce alone (38.3 M fp32 values, 2 GPUs, NCCL; median of 20) with the
               transport NCCL chose (P2P over NVLink or SHM through the host) and ``nvidia-smi topo -m``;
  throughput   training throughput of the small DepthSplat model on 1 GPU alone and on 2 GPUs (DDP,
               NCCL) at the same per-GPU batch, read from each run's ``throughput.json`` (15 warm-up
               steps, then 60 timed; the clock stops before the final checkpoint); scaling efficiency =
               2-GPU / (2 x 1-GPU); per rank: median / p90 / max of step time, loader wait and forward
               GPU time, and the forward straggler time (mean of slowest rank minus mean rank);
  independent  two independent 1-GPU trainings at the same time, one per GPU, no DDP: if each reaches
               the 1-GPU-alone rate the loss is DDP synchronisation, if not it is host/resource
               contention (``scaling_diagnosis``: efficiency = contention factor x synchronisation factor);
  resume       kill -9 in the middle of a 2-GPU run, resume with ``checkpointing.resume=true``: must end
               at max_steps;
  test         test mode on 1 GPU and on 2 GPUs with the throughput part's 2-GPU checkpoint: per-scene
               scores must be identical;
  benchmark    ``splatbench benchmark`` on 1 GPU and with ``--devices 2``: per-scene rows and counts must
               be identical;
  nodes        two simulated nodes: ``torchrun --nnodes 2 --nproc-per-node 1 --node-rank {0,1}`` with a
               rendezvous on localhost, one GPU each (``trainer.num_nodes=2 trainer.devices=1``).
Results: ``<out>/ddp_results.json`` and ``<out>/ddp_results.md``, written after every part; the wall
time of each part is in ``part_seconds``.

``--smoke`` runs the same parts on the CPU with the tiny preset and gloo (2 processes), as a check of
the script itself; its figures mean nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
PARTS = ("allreduce", "throughput", "independent", "resume", "test", "benchmark", "nodes")
WARMUP_STEPS = 15
SAMPLER = [
    "dataset.view_sampler.min_distance_between_context_views=8",
    "dataset.view_sampler.max_distance_between_context_views=16",
    "dataset.view_sampler.warm_up_steps=0",
    "dataset.view_sampler.initial_min_distance_between_context_views=8",
    "dataset.view_sampler.initial_max_distance_between_context_views=16",
]


def log(message: str) -> None:
    print(f"[ddp {time.strftime('%H:%M:%S')}] {message}", flush=True)


def python(args: list[str], env: dict[str, str] | None = None, logfile: Path | None = None, timeout: float = 900) -> None:
    handle = logfile.open("w") if logfile else None
    result = subprocess.run([sys.executable, *args], cwd=REPO, env={**os.environ, **(env or {})}, stdout=handle or None, stderr=subprocess.STDOUT, timeout=timeout)
    if result.returncode != 0:
        tail = logfile.read_text()[-4000:] if logfile else ""
        raise SystemExit(f"command failed ({result.returncode}): {' '.join(args)}\n{tail}")


def build_data(work: Path, roots: int, scenes: int, shape: int) -> list[Path]:
    paths = [work / f"data{i}" for i in range(roots)]

    def one(i: int) -> None:
        if not (paths[i] / "evaluation_index.json").exists():
            python(["-m", "splatbench", "data", "example", str(paths[i]), "--num-scenes", str(scenes), "--num-test-scenes", "1",
                    "--image-shape", str(shape), str(shape), "--seed", str(i), "--no-middlebury"], logfile=work / f"data{i}.log")

    with ThreadPoolExecutor(roots) as pool:
        list(pool.map(one, range(roots)))
    index: dict = {}
    for path in paths:
        index.update(json.loads((path / "evaluation_index.json").read_text()))
    (work / "evaluation_index.json").write_text(json.dumps(index))
    return paths


def throughput(output_dir: Path) -> dict:
    return json.loads((output_dir / "throughput.json").read_text())[-1]


def latest_step(output_dir: Path) -> int:
    steps = [int(p.stem.split("step_")[-1]) for p in (output_dir / "checkpoints").glob("*.ckpt")]
    return max(steps, default=-1)


def per_scene(output_dir: Path) -> dict[str, dict[str, str]]:
    with (output_dir / "metrics" / "scores_per_scene.csv").open() as handle:
        return {row["scene"]: row for row in csv.DictReader(handle)}


def start_gsplat_build(out: Path) -> subprocess.Popen:
    """gsplat compiles its CUDA kernels on first use (about 100 s): start it beside the data build,
    so that the first training run does not pay for it inside its start-up."""
    handle = (out / "gsplat_build.log").open("w")
    return subprocess.Popen([sys.executable, "-c", "from gsplat.cuda._backend import _C; print('gsplat compiled:', _C is not None)"],
                            cwd=REPO, stdout=handle, stderr=subprocess.STDOUT)


def versions() -> dict:
    """torch and Lightning of this machine, and whether its Lightning broadcasts SIGTERM every step
    under DDP (switched off by splatbench/training/sigterm.py)."""
    import pytorch_lightning
    import torch
    from pytorch_lightning.loops.training_epoch_loop import _TrainingEpochLoop

    return {"torch": torch.__version__, "pytorch_lightning": pytorch_lightning.__version__,
            "lightning_broadcasts_sigterm_each_step": hasattr(_TrainingEpochLoop, "_broadcast_sigterm_tensor")}


def train_command(train: list[str], out: Path, steps: int, processes: int) -> list[str]:
    return ["-m", "splatbench", "train", *train, f"output_dir={out}", f"trainer.max_steps={steps}",
            f"trainer.devices={processes}", *(["trainer.strategy=ddp"] if processes > 1 else []),
            f"checkpointing.every_n_train_steps={steps}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/splatbench_ddp"))
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument(
        "--times-per-scene", type=int, default=100,
        help="dataset.train_times_per_scene: how often each of the 24 example scenes is drawn per epoch. The "
             "DataLoader cannot prefetch across an epoch boundary, so each boundary stalls every rank for the "
             "time to make a first batch (about 300 ms here); at 4, a 2-GPU epoch was 6 steps and those stalls "
             "cost 0.10 of scaling efficiency. At 100 an epoch outlasts the timed window, as on RE10K "
             "(thousands of steps per epoch).",
    )
    parser.add_argument("--steps", type=int, default=WARMUP_STEPS + 60,
                        help=f"training steps of each throughput run; the first {WARMUP_STEPS} are warm-up, not timed")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--parts", default="allreduce,throughput,independent",
                        help=f"comma-separated, from {','.join(PARTS)} (test and benchmark use the throughput part's 2-GPU "
                             "checkpoint, from this call or an earlier one with the same --work)")
    parser.add_argument("--node-steps", type=int, default=30, help="training steps of the two-node run")
    parser.add_argument("--wait-for", type=Path, help="before the first 2-GPU step, wait for this file (another job on GPU 1)")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    unknown = parts - set(PARTS)
    if unknown:
        parser.error(f"--parts: unknown {sorted(unknown)} (choose from {', '.join(PARTS)})")
    earlier = [args.work / f"train_{n}" / "throughput.json" for n in (1, 2)]
    if parts & {"test", "benchmark", "independent"} and "throughput" not in parts and not all(p.exists() for p in earlier):
        parser.error(f"--parts: test, benchmark and independent need the throughput part (its 2-GPU checkpoint and rates), "
                     f"in this call or an earlier one with the same --work ({args.work})")
    if args.steps < WARMUP_STEPS + 2:
        parser.error(f"--steps: at least {WARMUP_STEPS + 2} (the first {WARMUP_STEPS} are warm-up), got {args.steps}")
    args.out.mkdir(parents=True, exist_ok=True)
    args.work.mkdir(parents=True, exist_ok=True)
    smoke = args.smoke
    shape, steps, batch = (64, 12, 1) if smoke else (256, args.steps, args.batch_size)
    started = time.time()
    build = None if smoke else start_gsplat_build(args.out)
    roots = build_data(args.work, roots=2 if smoke else 8, scenes=2 if smoke else 3, shape=shape)
    log(f"data ready: {len(roots)} roots")
    base = [
        f"dataset.roots=[{','.join(map(str, roots))}]",
        f"dataset.image_shape=[{shape},{shape}]", f"dataset.ori_image_shape=[{shape},{shape}]",
        "dataset.near=0.5", "dataset.far=20.", "dataset.baseline_scale_bounds=false", "dataset.augment=false",
        "trainer.val_check_interval=100000", "trainer.num_sanity_val_steps=0", "wandb.mode=disabled",
    ]
    if smoke:
        model = ["+experiment=demo_tiny", "trainer.accelerator=cpu", "data_loader.train.num_workers=1"]
        env_1, env_2 = {"OMP_NUM_THREADS": "1"}, {"OMP_NUM_THREADS": "1"}
        env_gpu = [{"OMP_NUM_THREADS": "1"}, {"OMP_NUM_THREADS": "1"}]
    else:
        model = ["+experiment=re10k", "trainer.accelerator=gpu", "data_loader.train.num_workers=6",
                 "data_loader.train.persistent_workers=true"]
        env_1, env_2 = {"CUDA_VISIBLE_DEVICES": "0"}, {"CUDA_VISIBLE_DEVICES": "0,1"}
        env_gpu = [{"CUDA_VISIBLE_DEVICES": "0"}, {"CUDA_VISIBLE_DEVICES": "1"}]
    train = [*model, *base, *SAMPLER, "dataset.view_sampler.num_target_views=4", f"data_loader.train.batch_size={batch}",
             f"train.throughput_warmup_steps={WARMUP_STEPS}", *([] if smoke else [f"dataset.train_times_per_scene={args.times_per_scene}"])]
    results: dict = {"per_gpu_batch": batch, "image_shape": shape, "smoke": smoke, "parts": sorted(parts, key=PARTS.index),
                     "part_seconds": {"data": round(time.time() - started, 1)}}

    results["versions"] = versions()
    log(f"versions: {results['versions']}")

    def save() -> None:  # after every part, so a cut-off run still reports what it measured
        write_summary(args, results)

    def timed(name: str, function, *function_args) -> None:
        begin = time.time()
        function(*function_args)
        results["part_seconds"][name] = round(time.time() - begin, 1)
        save()

    if "allreduce" in parts:  # needs no gsplat: runs while it builds
        timed("allreduce", allreduce_part, args, env_2, results, smoke)
    if build is not None:
        build.wait(timeout=600)
        log(f"gsplat build done ({build.returncode})")
        results["part_seconds"]["gsplat_build_done_after"] = round(time.time() - started, 1)
    if "throughput" in parts:
        timed("throughput", throughput_part, args, train, steps, env_1, env_2, results)
    elif all(p.exists() for p in (args.work / f"train_{n}" / "throughput.json" for n in (1, 2))):
        results.update({f"train_{n}": throughput(args.work / f"train_{n}") for n in (1, 2)}, throughput_from_earlier_call=True)
        results["scaling_efficiency"] = round(results["train_2"]["samples_per_s"] / (2 * results["train_1"]["samples_per_s"]), 4)
    if "independent" in parts:
        timed("independent", independent_part, args, train, steps, env_gpu, results)
    if "resume" in parts:
        timed("resume", resume, args, train, env_2, results, smoke)
    checkpoint = None
    if parts & {"test", "benchmark"}:
        checkpoint = max((args.work / "train_2" / "checkpoints").glob("*.ckpt"))
    if "test" in parts:
        timed("test", test_mode, args, model, base, checkpoint, env_1, env_2, results)
    if "benchmark" in parts:
        timed("benchmark", benchmark_runner, args, model, base, checkpoint, env_1, env_2, results, shape, smoke)
    if "nodes" in parts:
        timed("nodes", two_nodes, args, train, results, smoke)
    results["part_seconds"]["total"] = round(time.time() - started, 1)
    save()
    print((args.out / "ddp_results.md").read_text())


def throughput_part(args, train, steps, env_1, env_2, results) -> None:
    """1 process alone, then 2 processes (DDP) at the same per-process batch."""
    for processes, env in ((1, env_1), (2, env_2)):
        out = args.work / f"train_{processes}"
        while processes == 2 and args.wait_for is not None and not args.wait_for.exists():
            time.sleep(1)
        log(f"training on {processes} process(es) for {steps} steps")
        python(train_command(train, out, steps, processes), env=env, logfile=args.out / f"train_{processes}.log")
        results[f"train_{processes}"] = throughput(out)
    one, two = results["train_1"]["samples_per_s"], results["train_2"]["samples_per_s"]
    results["scaling_efficiency"] = round(two / (2 * one), 4)
    log(f"1 GPU {one:.2f} samples/s, 2 GPUs {two:.2f} samples/s, efficiency {results['scaling_efficiency']:.3f}")


def independent_part(args, train, steps, env_gpu, results) -> None:
    """Two independent 1-GPU trainings at the same time, one per GPU (no DDP, no collective)."""
    from splatbench.training.throughput import scaling_diagnosis

    log(f"two independent 1-GPU trainings at the same time for {steps} steps")
    processes = []
    for gpu, env in enumerate(env_gpu):
        out = args.work / f"independent_{gpu}"
        handle = (args.out / f"independent_{gpu}.log").open("w")
        command = [sys.executable, *train_command(train, out, steps, 1)]
        processes.append(subprocess.Popen(command, cwd=REPO, env={**os.environ, **env}, stdout=handle, stderr=subprocess.STDOUT))
    codes = [p.wait(timeout=900) for p in processes]
    if any(codes):
        raise SystemExit(f"independent runs failed: {codes}\n" + (args.out / "independent_0.log").read_text()[-3000:])
    records = [throughput(args.work / f"independent_{gpu}") for gpu in range(len(env_gpu))]
    results["independent"] = records
    results["diagnosis"] = scaling_diagnosis(results["train_1"]["samples_per_s"], results["train_2"]["samples_per_s"],
                                             [r["samples_per_s"] for r in records])
    log(f"independent: {[r['samples_per_s'] for r in records]} samples/s; diagnosis {results['diagnosis']}")


def resume(args, train, env_2, results, smoke) -> None:
    out = args.work / "resume"
    # Short: the part checks that a killed 2-GPU run resumes to max_steps, not speed.
    resume_steps, every = (8, 2) if smoke else (20, 5)
    command = [sys.executable, "-m", "splatbench", "train", *train, f"output_dir={out}", f"trainer.max_steps={resume_steps}",
               "trainer.devices=2", "trainer.strategy=ddp", f"checkpointing.every_n_train_steps={every}", "checkpointing.save_top_k=-1"]
    with (args.out / "resume_first.log").open("w") as handle:
        process = subprocess.Popen(command, cwd=REPO, env={**os.environ, **env_2}, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 600
        while process.poll() is None and time.time() < deadline and latest_step(out) < resume_steps // 2:
            time.sleep(0.2)
        still_running = process.poll() is None
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    killed_at = latest_step(out)
    log(f"killed at checkpoint step {killed_at} (was running: {still_running})")
    python([*command[1:], "checkpointing.resume=true"], env=env_2, logfile=args.out / "resume_second.log")
    import torch

    final = max((out / "checkpoints").glob("*.ckpt"), key=lambda p: int(p.stem.split("step_")[-1]))
    state = torch.load(final, map_location="cpu", weights_only=True)
    results["resume"] = {"killed_while_running": still_running, "killed_at_checkpoint_step": killed_at,
                         "final_checkpoint": final.name, "final_global_step": int(state["global_step"]), "max_steps": resume_steps,
                         "ok": still_running and 0 <= killed_at < resume_steps and int(state["global_step"]) == resume_steps}
    log(f"resume: {results['resume']}")


def test_mode(args, model, base, checkpoint, env_1, env_2, results) -> None:
    """4. test mode on 1 and 2 processes with the 2-process checkpoint: per-scene scores must be identical."""
    evaluate = [*model, *base, "dataset/view_sampler=evaluation", f"dataset.view_sampler.index_path={args.work / 'evaluation_index.json'}",
                f"checkpointing.pretrained_model={checkpoint}", "test.save_image=false", "test.save_gt_image=false",
                "test.save_input_images=false", "data_loader.test.num_workers=0"]
    scores = {}
    for processes, env in ((1, env_1), (2, env_2)):
        out = args.work / f"test_{processes}"
        python(["-m", "splatbench", "test", *evaluate, f"output_dir={out}", f"trainer.devices={processes}",
                *(["trainer.strategy=ddp"] if processes > 1 else [])], env=env, logfile=args.out / f"test_{processes}.log")
        scores[processes] = per_scene(out)
    columns = [c for c in next(iter(scores[1].values())) if c in ("psnr", "ssim", "lpips")]
    differing = [scene for scene in scores[1] if scene not in scores[2] or any(scores[1][scene][c] != scores[2][scene][c] for c in columns)]
    results["evaluation"] = {"scenes_1": len(scores[1]), "scenes_2": len(scores[2]), "columns": columns,
                             "differing_scenes": differing, "identical": not differing and len(scores[1]) == len(scores[2])}
    log(f"evaluation: {results['evaluation']}")


def benchmark_runner(args, model, base, checkpoint, env_1, env_2, results, shape, smoke) -> None:
    """5. the benchmark runner on 1 and 2 GPUs (``splatbench benchmark --devices 2``: units shared out, one GPU each)."""
    bench_data = args.work / "bench_data"
    if not (bench_data / "evaluation_index.json").exists():
        python(["-m", "splatbench", "data", "example", str(bench_data), "--num-scenes", "1", "--num-test-scenes", "2" if smoke else "8",
                "--image-shape", str(shape), str(shape), "--seed", "99", "--no-middlebury"], logfile=args.out / "bench_data.log")
    import yaml

    spec_path = args.work / "bench_spec.yaml"
    spec_path.write_text(yaml.safe_dump({"protocol": "custom", "resamples": 200, "runs": [{
        "name": "small-ddp", "checkpoint": str(checkpoint), "experiment": "demo_tiny" if smoke else "re10k",
        "dataset_root": str(bench_data), "pose_sources": ["gt", {"gt_noise": {"rotation_deg": 2}}],
        "indices": {"all": str(bench_data / "evaluation_index.json")},
        "overrides": [o for o in base if not o.startswith("dataset.roots=")] + ["data_loader.test.num_workers=0"],
    }]}))
    unit_rows = {}
    for processes, env in ((1, env_1), (2, env_2)):
        out = args.work / f"bench_{processes}"
        python(["-m", "splatbench", "benchmark", str(spec_path), "--out", str(out), "--devices", str(processes), "--no-progress",
                *(["--device", "cpu"] if smoke else [])], env=env, logfile=args.out / f"bench_{processes}.log")
        unit_rows[processes] = {p.parent.name: json.loads(p.read_text()) for p in (out / "units").glob("*/result.json")}
    one_gpu, two_gpus = unit_rows[1], unit_rows[2]
    same = sorted(one_gpu) == sorted(two_gpus) and all(
        one_gpu[k]["rows"] == two_gpus[k]["rows"] and one_gpu[k]["counts"] == two_gpus[k]["counts"] for k in one_gpu)
    results["benchmark_runner"] = {"units": len(one_gpu), "scenes_per_unit": [r["counts"]["evaluated"] for r in one_gpu.values()],
                                   "identical": same}
    log(f"benchmark runner 1 vs 2 GPUs: {results['benchmark_runner']}")


ALLREDUCE_SCRIPT = """
import json, statistics, sys, time, torch, torch.distributed as dist
out, numel, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
cuda = torch.cuda.is_available()
dist.init_process_group("nccl" if cuda else "gloo")
rank = dist.get_rank()
device = torch.device("cuda", rank) if cuda else torch.device("cpu")
if cuda:
    torch.cuda.set_device(device)
tensor = torch.ones(numel, device=device)
times = []
for i in range(repeats + 3):
    if cuda:
        torch.cuda.synchronize()
    dist.barrier()
    start = time.perf_counter()
    dist.all_reduce(tensor)
    if cuda:
        torch.cuda.synchronize()
    if i >= 3:
        times.append(1000 * (time.perf_counter() - start))
if rank == 0:
    median = statistics.median(times)
    world = dist.get_world_size()
    # ring all-reduce moves 2 (n - 1) / n of the data per GPU: NCCL's "bus bandwidth"
    busbw = 4 * numel * 2 * (world - 1) / world / (median / 1000) / 1e9
    json.dump({"numel": numel, "megabytes": round(4 * numel / 1e6, 1), "repeats": repeats, "median_ms": round(median, 3),
               "max_ms": round(max(times), 3), "bus_bandwidth_GBps": round(busbw, 1), "backend": dist.get_backend()}, open(out, "w"))
dist.destroy_process_group()
"""


def allreduce_part(args, env_2, results, smoke) -> None:
    """The gradient all-reduce alone: 38.3 M fp32 values (DepthSplat-small's parameters) between the two
    GPUs, median of 20, with NCCL's transport from its own log (P2P over NVLink, or SHM through the host)."""
    script = args.work / "allreduce.py"
    script.write_text(ALLREDUCE_SCRIPT)
    out = args.work / "allreduce.json"
    numel = 1_000_000 if smoke else 38_346_416
    logfile = args.out / "allreduce.log"
    python(["-m", "torch.distributed.run", "--nproc-per-node", "2", "--master-port", "29544", str(script), str(out), str(numel), "20"],
           env={**env_2, "NCCL_DEBUG": "INFO"}, logfile=logfile)
    record = json.loads(out.read_text())
    record["nccl_transports"] = sorted({line.split(" via ", 1)[1].strip() for line in logfile.read_text().splitlines() if " via " in line and "NCCL INFO" in line})
    if shutil.which("nvidia-smi"):
        topology = subprocess.run(["nvidia-smi", "topo", "-m"], capture_output=True, text=True, timeout=60)
        record["nvidia_smi_topo"] = topology.stdout.strip()
    results["allreduce"] = record
    log(f"all-reduce of {record['megabytes']} MB: {record['median_ms']} ms (bus {record['bus_bandwidth_GBps']} GB/s) via {record['nccl_transports']}")


def two_nodes(args, train, results, smoke) -> None:
    """6. two simulated nodes, one process (one GPU) each, rendezvous on localhost."""
    out = args.work / "two_nodes"
    node_steps = 6 if smoke else args.node_steps
    port = "29533"
    processes = []
    for node in (0, 1):
        env = {**os.environ, **({"OMP_NUM_THREADS": "1"} if smoke else {"CUDA_VISIBLE_DEVICES": str(node)})}
        command = [sys.executable, "-m", "torch.distributed.run", "--nnodes", "2", "--nproc-per-node", "1", "--node-rank", str(node),
                   "--master-addr", "127.0.0.1", "--master-port", port, "-m", "splatbench", "train", *train,
                   f"output_dir={out}", f"trainer.max_steps={node_steps}", "trainer.devices=1", "trainer.num_nodes=2",
                   "trainer.strategy=ddp", f"checkpointing.every_n_train_steps={node_steps}"]
        handle = (args.out / f"node{node}.log").open("w")
        processes.append(subprocess.Popen(command, cwd=REPO, env=env, stdout=handle, stderr=subprocess.STDOUT))
    codes = [p.wait(timeout=900) for p in processes]
    if any(codes):
        raise SystemExit(f"two-node run failed: {codes}\n" + (args.out / "node0.log").read_text()[-3000:])
    results["two_nodes"] = {**throughput(out), "final_checkpoint_step": latest_step(out)}
    log(f"two nodes: {results['two_nodes']}")


def _summary(value) -> str:
    return "-" if not value else f"{value['median']} / {value['p90']} / {value['max']}"


def write_summary(args, results) -> None:
    (args.out / "ddp_results.json").write_text(json.dumps(results, indent=2) + "\n")
    rows = [
        "| run | processes | per-process batch | steps timed | samples/s | step ms | per rank: step ms (median / p90 / max) "
        "| loader wait ms | forward GPU ms | forward straggler ms |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    runs = [(key, results.get(key)) for key in ("train_1", "train_2")]
    runs += [(f"independent GPU {gpu}", record) for gpu, record in enumerate(results.get("independent", []))]
    runs += [("two_nodes", results.get("two_nodes"))]
    for key, r in runs:
        if r is None:
            continue
        ranks = range(r["world_size"])
        steps = "<br>".join(_summary((r.get("step_ms_per_rank") or [None] * r["world_size"])[i]) for i in ranks)
        waits = "<br>".join(_summary((r.get("loader_wait_ms_per_rank") or [None] * r["world_size"])[i]) for i in ranks)
        forward = "<br>".join(_summary((r.get("forward_gpu_ms_per_rank") or [None] * r["world_size"])[i]) for i in ranks)
        rows.append(f"| {key} | {r['world_size']} ({r['num_nodes']} node(s)) | {r['batch_size_per_process']} | {r['steps_timed']} "
                    f"| {r['samples_per_s']} | {r['step_ms']} | {steps} | {waits} | {forward} | {'-' if r.get('forward_straggler_ms') is None else r['forward_straggler_ms']} |")
    if "allreduce" in results:
        a = results["allreduce"]
        rows.append(f"\ngradient all-reduce alone: {a['megabytes']} MB in {a['median_ms']} ms (max {a['max_ms']}), "
                    f"bus bandwidth {a['bus_bandwidth_GBps']} GB/s, {a['backend']}, via {a.get('nccl_transports')}")
    if "scaling_efficiency" in results:
        rows.append(f"\nscaling efficiency (2 GPUs / 2 x 1 GPU): {results['scaling_efficiency']}")
    if "diagnosis" in results:
        d = results["diagnosis"]
        rows.append(f"independent pair: contention factor {d['contention_factor']} (sum of the pair / 2 x alone), "
                    f"synchronisation factor {d['synchronisation_factor']} (DDP / sum of the pair), "
                    f"slowest of the pair / alone {d['slowest_independent_vs_alone']}; causes: {', '.join(d['causes'])}")
    for key, title in (("resume", "kill-and-resume"), ("evaluation", "evaluation 1 vs 2 GPUs"),
                       ("benchmark_runner", "benchmark runner 1 vs 2 GPUs")):
        if key in results:
            rows.append(f"{title}: {results[key]}")
    rows.append(f"part seconds: {results.get('part_seconds')}")
    rows.append(f"versions: {results.get('versions')}")
    (args.out / "ddp_results.md").write_text("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
