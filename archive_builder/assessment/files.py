"""Where the assessment's files are: the archive's own first, then the ones shipped with the tool."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive_builder.core.errors import ConfigError, message

if TYPE_CHECKING:
    from archive_builder.core.config import ArchiveConfig

#: The folder, under an archive's checklists/ and inside the package, of profiles and standards.
FOLDER = "assessment"
SHIPPED_PREFIX = "archive_builder/checklists/assessment"
#: An archive's stages and deadlines.
TIMELINE_FILE = Path("site_config") / "timeline.yml"


def archive_folder(config: ArchiveConfig) -> Path:
    """checklists/assessment/ of the archive (it may not exist)."""
    return config.checklists_dir / FOLDER


def _shipped(name: str) -> Any:
    return resources.files("archive_builder").joinpath("checklists", FOLDER, f"{name}.yml")


def find(config: ArchiveConfig, name: str, kind: str) -> tuple[Any, str]:
    """The file called ``name`` (a path, or a name looked up in the archive, then in the package) and its shown name.

    ``kind`` is ``profile`` or ``standard`` (for the message). ConfigError naming the folders and the
    known names when there is none.
    """
    as_path = Path(name)
    if as_path.suffix in (".yml", ".yaml"):
        path = as_path if as_path.is_absolute() or as_path.exists() else config.root / as_path
        if path.is_file():
            return path, config.relative(path)
    own = archive_folder(config) / f"{name}.yml"
    if own.is_file():
        return own, config.relative(own)
    shipped = _shipped(name)
    if shipped.is_file():
        return shipped, f"{SHIPPED_PREFIX}/{name}.yml"
    raise ConfigError(message(f"assessment.no_{kind}", name=name, folder=config.relative(archive_folder(config)),
                        known=", ".join(known_names(config)) or "-"))


def known_names(config: ArchiveConfig) -> list[str]:
    """Every profile and standard name the archive or the package offers."""
    names = {p.stem for p in archive_folder(config).glob("*.yml")} if archive_folder(config).is_dir() else set()
    shipped = resources.files("archive_builder").joinpath("checklists", FOLDER)
    names |= {entry.name[:-4] for entry in shipped.iterdir() if entry.name.endswith(".yml")} if shipped.is_dir() else set()
    return sorted(names)
