"""Helpers of the crash-loop tests: kill a job at random moments and restart
it, and check a Delta table's log the way a reader other than sluice sees it."""
import json
import pathlib
import signal
import subprocess

import deltalake


def run_with_kills(args_for, rng, kills, alive=(0.1, 0.5), finish_timeout=120):
    """Starts the job (args_for(attempt)), SIGKILLs it `kills` times after a
    random uniform(*alive) seconds each, then lets it finish. Returns the
    number of kills that landed (fewer if the job completed first)."""
    landed, attempt = 0, 0
    while True:
        proc = subprocess.Popen(args_for(attempt), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        attempt += 1
        if landed < kills:
            try:
                proc.wait(timeout=rng.uniform(*alive))
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                proc.stderr.close()
                landed += 1
                continue
        else:
            proc.wait(timeout=finish_timeout)
        err = proc.stderr.read().decode()
        proc.stderr.close()
        assert proc.returncode == 0, err
        return landed


def commit_actions(table):
    """{version: [action dicts]} of every JSON commit in the table's log."""
    out = {}
    for p in sorted(pathlib.Path(table, "_delta_log").glob("*.json")):
        if p.stem.isdigit():
            out[int(p.stem)] = [json.loads(line) for line in p.read_text().splitlines() if line.strip()]
    return out


def txn_versions(table, app_id):
    """[(table version, txn version)] of the commits carrying a txn of app_id."""
    return [(v, a["txn"]["version"]) for v, actions in sorted(commit_actions(table).items()) for a in actions
            if "txn" in a and a["txn"]["appId"] == app_id]


def check_every_version(table, app_id, key_columns):
    """Loads every version with deltalake: each must be readable, hold no
    duplicate key, and report a txn version for app_id that never goes
    down. Returns the number of versions."""
    latest = deltalake.DeltaTable(table).version()
    last_txn = -1
    for v in range(latest + 1):
        dt = deltalake.DeltaTable(table, version=v)
        rows = dt.to_pyarrow_table(columns=key_columns).to_pylist()
        keys = [tuple(r[c] for c in key_columns) for r in rows]
        assert len(keys) == len(set(keys)), f"version {v} holds duplicate keys"
        txn = dt.transaction_version(app_id)
        txn = -1 if txn is None else txn
        assert txn >= last_txn, f"version {v}: txn version went down {last_txn} -> {txn}"
        last_txn = txn
    return latest + 1
