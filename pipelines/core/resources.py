"""The Dagster resource that hands every asset SIIE's settings (paths from the environment)."""

from dagster import ConfigurableResource

from pipelines.core.config import Settings, load_settings


class SiieResource(ConfigurableResource):
    """SIIE's folders. Unset fields follow SIIE_HOME / SIIE_LANDING_DIR (see
    pipelines.core.config)."""

    home: str | None = None
    landing_dir: str | None = None

    def settings(self) -> Settings:
        overrides = {}
        if self.home:
            overrides["SIIE_HOME"] = self.home
        if self.landing_dir:
            overrides["SIIE_LANDING_DIR"] = self.landing_dir
        return load_settings(overrides) if overrides else load_settings()
