{
  "targets": [
    {
      "target_name": "geovec",
      "sources": [
        "<!@(node -p \"require('fs').readdirSync('src/core', { recursive: true }).filter(f => f.endsWith('.c')).sort().map(f => 'src/core/' + f).join(' ')\")",
        "src/native/addon.c",
        "src/native/threads.c"
      ],
      "include_dirs": ["src/core"],
      "cflags_c": ["-std=c11", "-O3", "-Wall", "-Wextra", "-Werror", "-fno-math-errno", "-ffp-contract=off"],
      "cflags!": ["-fno-exceptions"],
      "defines": ["NAPI_EXPERIMENTAL", "NDEBUG"],
      "libraries": ["-lpthread", "-lm"]
    }
  ]
}
