"""Write stage: the only package that writes under site/, .build/ and dist/."""
