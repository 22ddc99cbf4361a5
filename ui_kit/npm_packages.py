"""The npm packages every app installs, so the three apps agree on one reflex.lock/.

Reflex keeps its frontend lockfile (reflex.lock/package.json and bun.lock, tracked in git) in the
folder it runs from, and all three apps build from the project root. Each build restores that lock,
adds the packages its own pages import and removes the ones they do not, then writes it back: with
different imports per app (charts only in the tenant admin, markdown and file drop only in the PMS
and booking site) every build rewrote the tracked lock for the next one. Declaring the union here
(rxconfig.py passes it as `frontend_packages`) makes every app need the same set, so a build leaves
the lock as it found it and a fresh clone installs exactly the pinned versions.

Names only: the versions are the lock's (Reflex skips a bare name already in package.json, and a
component's own pinned `library` still decides its version). A page that starts importing a new
package makes `gj setup` stop with the name to add here (gj_cli.builds checks the lock).
"""

from __future__ import annotations

SHARED_FRONTEND_PACKAGES: tuple[str, ...] = (
    "@radix-ui/react-form",
    "@radix-ui/themes",
    "lucide-react",
    "react-debounce-input",
    "react-dropzone",
    "react-error-boundary",
    "react-markdown",
    "react-syntax-highlighter",
    "recharts",
    "rehype-katex",
    "rehype-raw",
    "rehype-unwrap-images",
    "remark-gfm",
    "remark-math",
    "sonner",
)
