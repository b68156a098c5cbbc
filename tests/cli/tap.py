"""TAP output shared by the command-line test scripts."""
import sys


def finish(results):
    """Prints (ok, name, message) results as TAP and exits 0 when every one passed."""
    print(f"1..{len(results)}")
    for i, (ok, name, msg) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok:
            for line in msg.splitlines():
                print(f"# {line}")
    sys.exit(0 if all(ok for ok, _, _ in results) else 1)
