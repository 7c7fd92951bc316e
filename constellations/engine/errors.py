"""The one exception the engine raises for bad input."""


class EngineInputError(ValueError):
    """A caller passed a value the engine cannot use.

    ``parameter`` names the offending argument so the API and the management command can point at
    it; the engine never clamps a bad value silently.
    """

    def __init__(self, parameter: str, message: str):
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message
