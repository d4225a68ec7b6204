"""Print the secrets line for an editor:  python3 -m hotline.passwd alice

Paste the output under [editors] in .streamlit/secrets.toml (git-ignored) or in the
hosting platform's secrets. The password is read without echo (or from stdin with
--stdin, for scripts); it is never stored, only its salted PBKDF2 hash.
"""
from __future__ import annotations

import argparse
import getpass
import sys

from hotline.auth import DEFAULT_ITERATIONS, hash_password, valid_username


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m hotline.passwd", description="生成编辑账号的密码哈希（写入 secrets 的 [editors] 段）")
    parser.add_argument("user", help="用户名（字母、数字、_ . -）")
    parser.add_argument("--stdin", action="store_true", help="从标准输入读取密码（一行）")
    parser.add_argument("--iterations", type=int, default=DEFAULT_ITERATIONS)
    args = parser.parse_args(argv)
    if not valid_username(args.user):
        print("用户名只能包含字母、数字、下划线、点和短横线", file=sys.stderr)
        return 2
    if args.stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("密码：")
        if password != getpass.getpass("再输入一次："):
            print("两次输入的密码不一致", file=sys.stderr)
            return 1
    if len(password) < 8:
        print("密码至少 8 个字符", file=sys.stderr)
        return 1
    print("# 粘贴到 .streamlit/secrets.toml 的 [editors] 段下")
    print(f'{args.user} = "{hash_password(password, args.iterations)}"')
    return 0


if __name__ == "__main__":
    sys.exit(main())
