// What a user finds in each library jar this project resolved: the licence, the notice, and the
// name the jar has on the module path.
import java.util.jar.JarFile

def modules = ['agent-core': 'dev.toolstream.core',
               'agent-tools': 'dev.toolstream.tools',
               'agent-mcp': 'dev.toolstream.mcp',
               'agent-otel': 'dev.toolstream.otel',
               'agent-store': 'dev.toolstream.store',
               'agent-sse': 'dev.toolstream.sse',
               'agent-testkit': 'dev.toolstream.testkit']
modules.each { artifact, moduleName ->
  def file = new File(localRepositoryPath,
      "dev/toolstream/${artifact}/${projectVersion}/${artifact}-${projectVersion}.jar")
  assert file.isFile() : "${file} was not resolved"
  new JarFile(file).withCloseable { jar ->
    assert jar.manifest.mainAttributes.getValue('Automatic-Module-Name') == moduleName :
        "${artifact}: Automatic-Module-Name is not ${moduleName}"
    assert jar.getEntry('META-INF/LICENSE') != null : "${artifact}: no META-INF/LICENSE"
    assert jar.getEntry('META-INF/NOTICE') != null : "${artifact}: no META-INF/NOTICE"
    def licence = jar.getInputStream(jar.getEntry('META-INF/LICENSE')).getText('UTF-8')
    assert licence.contains('Apache License') && licence.contains('Version 2.0, January 2004') :
        "${artifact}: META-INF/LICENSE is not the Apache License 2.0"
  }
}
return true
