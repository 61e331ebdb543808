"""Prints whether the JSON reports of several `tangle check` runs of one
program explored the same way: the same verdict, executions, steps,
estimate and findings (each with its schedule). Exit status 1 when not."""
import json
import sys


def shape(path):
    with open(path) as f:
        report = json.load(f)
    explored = report["explored"]
    return (
        report["verdict"],
        explored["executions"],
        explored["steps"],
        explored.get("sleep_blocked"),
        explored.get("retry_bounded"),
        explored["coverage"].get("estimated_executions"),
        tuple((f["id"], f.get("schedule")) for f in report["findings"]),
    )


def main(paths):
    shapes = {path: shape(path) for path in paths}
    if len(set(shapes.values())) != 1:
        for path, s in shapes.items():
            print(f"{path}: {s}")
        return 1
    verdict, executions, steps = next(iter(shapes.values()))[:3]
    print(f"the same exploration in {len(paths)} runs: {verdict}, "
          f"{executions} executions, {steps} steps")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
