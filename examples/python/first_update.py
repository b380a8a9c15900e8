"""Measures how soon a new search speaks: the time from CreateSearch to the first streamed update
of WatchSearch (the search as it stands) and to the first progress or new best, over N small
searches, each stopped after. Run it alone against a running `automoe serve`:

    examples/python/.venv/bin/python examples/python/first_update.py --target 127.0.0.1:50051 -n 10
"""

import argparse
import os
import pathlib
import sys
import time
import uuid

sys.path.insert(0, str(pathlib.Path(sys.prefix) / "automoe_stubs"))

import grpc  # noqa: E402

from automoe.v1 import search_pb2, search_service_pb2, search_service_pb2_grpc  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", default="127.0.0.1:50051")
    parser.add_argument("--token", default=os.environ.get("AUTOMOE_SERVICE_TOKEN", ""))
    parser.add_argument("-n", type=int, default=10, help="searches to create")
    args = parser.parse_args()
    metadata = [("authorization", "Bearer " + args.token)] if args.token else []
    first, progress = [], []
    with grpc.insecure_channel(args.target) as channel:
        service = search_service_pb2_grpc.SearchServiceStub(channel)
        for k in range(args.n):
            t0 = time.perf_counter()
            search = service.CreateSearch(
                search_service_pb2.CreateSearchRequest(
                    request_id=uuid.uuid4().hex,
                    mode=search_pb2.SEARCH_MODE_ASYNC,
                    budget=10,
                    population=10,
                    seed=k + 1,
                ),
                metadata=metadata,
            )
            seen_first = None
            watch = service.WatchSearch(
                search_service_pb2.WatchSearchRequest(search_id=search.id), metadata=metadata
            )
            for update in watch:
                now = time.perf_counter() - t0
                if seen_first is None:
                    seen_first = now
                if update.WhichOneof("update") in ("progress", "new_best", "ended"):
                    progress.append(now)
                    break
            watch.cancel()
            first.append(seen_first)
            service.StopSearch(
                search_service_pb2.StopSearchRequest(search_id=search.id), metadata=metadata
            )
    first.sort()
    progress.sort()
    print(
        f"CreateSearch to the first update: median {first[len(first) // 2] * 1000:.1f} ms;"
        f" to the first progress or best: median {progress[len(progress) // 2] * 1000:.0f} ms,"
        f" max {progress[-1] * 1000:.0f} ms ({args.n} searches)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
