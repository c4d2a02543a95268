#!/bin/bash
# A Slurm job array that runs one sweep across 4 nodes: task i runs shard i/4.
# Submit from the repository root (after `npm ci`):   sbatch docs/examples/sweep-slurm.sh
# Then merge the folders (any machine that sees them): npm run lab -- merge results/lr/shard-*
# A shard that failed or hit its time limit resumes where it stopped: resubmit just that task,
#   sbatch --array=2 docs/examples/sweep-slurm.sh
#SBATCH --job-name=sparse-lab-sweep
#SBATCH --array=0-3
#SBATCH --nodes=1
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=16
#SBATCH --mem=16G
#SBATCH --time=02:00:00
#SBATCH --output=logs/sweep-%A_%a.out
set -euo pipefail
cd "${SLURM_SUBMIT_DIR}"
mkdir -p logs results/lr
# The shard count must equal the array size; Slurm counts task ids from 0, as --shard does.
SHARDS="${SLURM_ARRAY_TASK_COUNT:-4}"
# One worker process per allocated core (tfjs's WASM backend is single-threaded).
# On a GPU partition add `#SBATCH --gres=gpu:1` and use `--backend webgpu --jobs 1` where the
# Node WebGPU backend is in (see docs/sweeps.md; until then the CLI refuses webgpu).
npm run lab -- sweep --file docs/examples/sweep-lr.yaml \
  --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" \
  --jobs "${SLURM_CPUS_PER_TASK}" \
  --dir "results/lr/shard-${SLURM_ARRAY_TASK_ID}" \
  --quiet
