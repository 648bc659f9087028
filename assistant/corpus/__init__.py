"""The bundled corpus: sample reports and the 年报填写要点 guide that a fresh install indexes (`nianbao corpus add --bundled`)."""
