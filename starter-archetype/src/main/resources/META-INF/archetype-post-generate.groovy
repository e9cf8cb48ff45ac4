// Runs once, right after archetype:generate has written the new project.
//
// The archetype jar stores mvnw as executable, but generation writes every file with default
// permissions, so the new project's ./mvnw would fail with "Permission denied". Give the execute bit
// back (to everyone, like `chmod +x`), so the README's `./mvnw verify` works as written.
def mvnw = new File(request.outputDirectory, request.artifactId + '/mvnw')
if (!mvnw.setExecutable(true, false)) {
    println "Could not make ${mvnw} executable: run it as `sh mvnw`, or `chmod +x mvnw` first."
}
