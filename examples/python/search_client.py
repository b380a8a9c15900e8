"""A client of AutoMoE's search service: creates a search, watches it to its end, reads its
Pareto front and exports its best architecture as HAT/AutoMoE YAML.

    examples/python/setup.sh                  # once: a venv with grpcio and the stubs
    examples/python/.venv/bin/python examples/python/search_client.py \
        --target 127.0.0.1:50051 --budget 200

The token comes from --token or AUTOMOE_SERVICE_TOKEN. Exits 0 when the search is done, 1 when
it failed or was stopped.
"""

import argparse
import os
import pathlib
import sys
import uuid

# The stubs setup.sh generated into the venv.
sys.path.insert(0, str(pathlib.Path(sys.prefix) / "automoe_stubs"))

import grpc  # noqa: E402

from automoe.v1 import search_pb2, search_service_pb2, search_service_pb2_grpc  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", default="127.0.0.1:50051", help="HOST:PORT of automoe serve")
    parser.add_argument("--token", default=os.environ.get("AUTOMOE_SERVICE_TOKEN", ""))
    parser.add_argument("--budget", type=int, default=50, help="evaluations of the search")
    parser.add_argument("--population", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--request-id", default=None, help="idempotency key (default: random)")
    args = parser.parse_args()

    metadata = [("authorization", "Bearer " + args.token)] if args.token else []
    with grpc.insecure_channel(args.target) as channel:
        service = search_service_pb2_grpc.SearchServiceStub(channel)
        search = service.CreateSearch(
            search_service_pb2.CreateSearchRequest(
                request_id=args.request_id or uuid.uuid4().hex,
                mode=search_pb2.SEARCH_MODE_ASYNC,
                budget=args.budget,
                population=args.population,
                seed=args.seed,
            ),
            metadata=metadata,
        )
        print(f"created search {search.id}", flush=True)

        ended = None
        watch = service.WatchSearch(
            search_service_pb2.WatchSearchRequest(search_id=search.id), metadata=metadata
        )
        for update in watch:
            kind = update.WhichOneof("update")
            if kind == "progress":
                print(f"progress: {update.progress.evaluated} evaluated", flush=True)
            elif kind == "new_best":
                print(
                    f"new best: candidate {update.new_best.candidate.id},"
                    f" loss {update.new_best.validation_loss:.4f}",
                    flush=True,
                )
            elif kind == "ended":
                ended = update.ended
        state = search_pb2.SearchStateProto.Name(ended.status.state)
        print(f"ended: {state}, {ended.status.evaluated} evaluated", flush=True)

        front = service.GetFront(
            search_service_pb2.GetFrontRequest(search_id=search.id), metadata=metadata
        )
        print(f"front: {len(front.points)} architectures", flush=True)
        best = service.ExportArchitecture(
            search_service_pb2.ExportArchitectureRequest(search_id=search.id), metadata=metadata
        )
        print(f"best: candidate {best.candidate_id}")
        print(best.yaml)
        return 0 if ended.status.state == search_pb2.SEARCH_STATE_DONE else 1


if __name__ == "__main__":
    sys.exit(main())
