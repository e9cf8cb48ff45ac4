// Runs after the generated project's own `./mvnw verify` (goal.txt) has passed, and checks what a
// newcomer gets beyond compiling and passing its tests: the files are whole, and the jar runs the way
// the generated README says. A failed assert fails the archetype's build.
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

// The archetype plugin hands the generated project's folder over in the script's context map.
def project = context.projectDir as File   // target/test-classes/projects/basic/project/echo-service
def template = new File(project, '../../../../../classes/archetype-resources')

// The wrapper is copied byte for byte (filtered, mvnw comes out empty) and mvnw stays executable.
['mvnw', 'mvnw.cmd', '.mvn/wrapper/maven-wrapper.properties'].each { name ->
    assert new File(project, name).bytes == new File(template, name).bytes : "$name was changed"
}
assert new File(project, 'mvnw').canExecute() : 'mvnw is not executable'
assert new File(project, '.gitignore').isFile() : '.gitignore is missing'
// Everything else went through Velocity: the names chosen in archetype.properties are filled in.
def readme = new File(project, 'README.md').text
assert readme.startsWith('echo-service\n')
assert readme.contains('src/main/proto/com/example/echo/echo.proto')
assert readme.contains('java -cp target/echo-service.jar com.example.echo.EchoClient')
['README.md', 'pom.xml', 'src/main/proto/com/example/echo/echo.proto'].each { name ->
    assert !(new File(project, name).text =~ /\$\{(artifactId|groupId|package|version)/) : "$name"
}

def java = new File(System.getProperty('java.home'), 'bin/java').path
def jar = new File(project, 'target/echo-service.jar')
assert jar.isFile()

/**
 * The program's own lines of an output. On JDK 22 and newer the JVM itself adds "WARNING: ..." lines
 * (native access by Netty, sun.misc.Unsafe in protobuf) and a blank line after each block; the
 * programs' lines never look like that.
 */
def ownLines = { String text -> text.readLines().findAll { !it.startsWith('WARNING: ') && !it.isEmpty() } }

/** Runs a command to its end (bounded), and returns [exit code, stdout, stderr]. */
def run = { List<String> command ->
    def process = new ProcessBuilder(command*.toString()).start()   // GStrings become Strings
    def out = new StringBuffer()
    def err = new StringBuffer()
    process.consumeProcessOutput(out, err)
    assert process.waitFor(60, TimeUnit.SECONDS) : "still running after 60s: $command"
    process.waitForProcessOutput()
    [process.exitValue(), out.toString(), err.toString()]
}

// A bad flag: one line on stderr, exit 2, and no server started.
def (code, out, err) = run([java, '-jar', jar.path, '--port', 'abc'])
assert code == 2
assert ownLines(err) == ["error: --port must be a number from 0 to 65535, not 'abc'; " +
        "usage: java -jar echo-service.jar [--port N]  (default 50051; 0 picks a free port)"]

// The server on a free port; its log lines arrive in `lines` as it prints them.
def server = new ProcessBuilder(java, '-jar', jar.path, '--port', '0').redirectErrorStream(true).start()
def lines = new LinkedBlockingQueue<String>()
Thread.start {
    try {
        server.inputStream.eachLine { lines.add(it) }
    } finally {
        lines.add('<end of output>')
    }
}
def log = []
def awaitLine = { String pattern ->
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
    while (true) {
        def line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
        assert line != null && line != '<end of output>' : "no line like /$pattern/ in: $log"
        log << line
        def match = line =~ pattern
        if (match.find()) {
            return match
        }
    }
}
try {
    def port = awaitLine(/INFO EchoServer listening on port (\d+) /).group(1)

    (code, out, err) = run([java, '-cp', jar.path, 'com.example.echo.EchoClient',
                            '--target', "localhost:$port", '--message', 'hi'])
    assert [code, ownLines(err)] == [0, []]
    assert out.readLines() == ['Echo: hi', 'EchoStream: hi (1/3)', 'EchoStream: hi (2/3)',
                               'EchoStream: hi (3/3)']

    // A failed call: "CODE: description" on stderr, exit 1.
    (code, out, err) = run([java, '-cp', jar.path, 'com.example.echo.EchoClient',
                            '--target', "localhost:$port", '--message', ''])
    assert [code, out, ownLines(err)] == [1, '', ['INVALID_ARGUMENT: message is empty']]
} finally {
    // SIGTERM, so the JVM runs the server's shutdown hook. (Through the ProcessHandle: Process.destroy()
    // would also close our end of the server's output before we could read its last lines.)
    server.toHandle().destroy()
}
assert server.waitFor(30, TimeUnit.SECONDS) : 'the server did not stop after SIGTERM'
// Every shutdown step is logged, down to the last one: java.util.logging was not switched off early.
awaitLine(/INFO shutting down: health set to NOT_SERVING/)
awaitLine(/INFO all calls finished/)
awaitLine(/INFO EchoServer stopped/)
println "verify.groovy: generated files, server jar, client, shutdown: all as expected"
