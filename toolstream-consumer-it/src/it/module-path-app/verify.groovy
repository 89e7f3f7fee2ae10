// The app ran on the module path: its own module is named, and Toolstream's classes came from the
// jars' modules, not the unnamed module of a class path. Main itself exits non-zero on a wrong answer.
def log = new File(basedir, 'build.log').getText('UTF-8')
['app module named: true',
 'app module: app',
 'Agent module: dev.toolstream.core',
 'AnnotatedTools module: dev.toolstream.tools',
 'ScriptedClaude module: dev.toolstream.testkit',
 'answer: Sunny in Tokyo'].each { line ->
  assert log.contains(line) : "build.log lacks '${line}'"
}
return true
