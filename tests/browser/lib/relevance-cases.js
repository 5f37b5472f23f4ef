'use strict';
// The relevance queries over the bundled guide: [query, the title of the question that answers
// it]. Shared by tests/browser/search-relevance.test.js (each must be in the top 3) and
// scripts/search-relevance (top-1, top-3 and MRR).

const T = {
  decorator: 'What is a decorator, and how do you write one?',
  generator: 'How does a generator function work?',
  gil: 'What is the Global Interpreter Lock?',
  iterator: 'What is the difference between an iterable and an iterator?',
  itertools: 'Which `itertools` functions should every Python developer know?',
  functools: 'Which tools from `functools` do you use, and for what?',
  collections: 'When do you use `deque`, `Counter`, `defaultdict` and `OrderedDict`?',
  contextlib: 'How do you write context managers with `contextlib`?',
  contextManager: 'What is a context manager, and how do `__enter__` and `__exit__` work?',
  mock: 'How do you mock a dependency with `unittest.mock`, and where do you patch?',
  race: 'What is a race condition, and how does a lock prevent it?',
  dicts: 'How do dictionaries and sets work under the hood?',
  closure: 'What is a closure, and what is the late-binding gotcha?',
  kwargs: 'What do `*args` and `**kwargs` do?',
  property: 'How and why would you use `@property`?',
  walrus: 'What does the walrus operator `:=` do, and when is it a good idea?',
  asyncAwait: 'What do `async` and `await` actually do?',
  comprehensions: 'What kinds of comprehensions does Python have, and when does one hurt readability?',
  mutableDefault: 'Why is a mutable default argument a bug waiting to happen?',
};

/** The first set, written with the search itself (issue 6). */
const ORIGINAL = [
  ['decorators', T.decorator],
  ['decortor', T.decorator],
  ['genrator', T.generator],
  ['global interpreter lock', T.gil],
  ['gil', T.gil],
  ['__slots__', 'What does `__slots__` do, and when is it worth it?'],
  ['functools.wraps', 'Why should a decorator use `functools.wraps`?'],
  ['asyncio event loop', "How does asyncio's event loop work?"],
  ['mutable default argument', T.mutableDefault],
  ['shallow deep copy', 'What is the difference between a shallow copy and a deep copy?'],
  ['lru cache', 'Implement an LRU cache.'],
  ['two sum', 'Solve two-sum in linear time.'],
  ['reverse linked list', 'Reverse a singly linked list.'],
  ['palindrom', 'Find the longest palindromic substring of a string.'],
  ['binary search edge cases', 'Implement binary search. What are the edge cases?'],
  ['heapq k largest', 'How does `heapq` work, and how do you get the k largest items?'],
  ['mro c3', 'What is the method resolution order, and how does C3 linearization compute it?'],
  ['metaclass', 'What is a metaclass, and when would you actually need one?'],
  ['descriptor', 'What is a descriptor, and how do properties and methods rely on them?'],
  ['staticmethod classmethod', 'What is the difference between `@staticmethod` and `@classmethod`?'],
  ['str repr', 'What is the difference between `__str__` and `__repr__`?'],
  ['name mangling', 'What do single and double leading underscores mean on a name?'],
  ['exception groups except*', 'What are exception groups and `except*`?'],
  ['raise from', 'What is exception chaining, and what does `raise ... from ...` do?'],
  ['eafp', 'What are EAFP and LBYL, and which does Python prefer?'],
  ['reference counting', 'How does CPython manage memory?'],
  ['memory leak tracemalloc', 'How would you track down a memory leak in a long-running Python service?'],
  ['weakref', 'What are weak references, and when are they useful?'],
  ['deadlock', 'What causes a deadlock, and how do you avoid one?'],
  ['race condition lock', T.race],
  ['threading vs multiprocessing', 'When would you use threading, multiprocessing or asyncio?'],
  ['walrus', T.walrus],
  ['structural pattern matching', 'How does `match` (structural pattern matching) work?'],
  ['protocol vs abc', 'What is a `Protocol`, and how is it different from an abstract base class?'],
  ['pytest fixtures scope', 'How do pytest fixtures work, and what are their scopes?'],
  ['where to patch mock', T.mock],
  ['wsgi asgi', 'What is the difference between WSGI and ASGI?'],
  ['n+1 queries', 'What is the N+1 query problem, and how do you fix it?'],
  ['isolation levels', 'What are transaction isolation levels, and which anomalies does each prevent?'],
  ['sql injection', 'What is SQL injection, and how do you prevent it in Python?'],
  ['numpy broadcasting', 'How does NumPy broadcasting work?'],
  ['pandas groupby', 'How does `groupby` work in pandas?'],
  ['rate limiter', 'Design a rate limiter.'],
  ['idempotency retry', 'How do you make an API call safe to retry?'],
  ['virtualenv', 'What is a virtual environment, and why use one?'],
  ['circular import', 'What causes circular imports, and how do you fix them?'],
  ['star method', 'How do you answer a behavioral question with the STAR method?'],
  ['pyproject', 'What goes in `pyproject.toml`?'],
];

/** Issue 17: typos of two edits, other names for a thing, dotted names, identifiers with
 * punctuation, and questions in plain words. Each is [query, title, kind]. */
const ADDED = [
  // Typos: two edits in a long word, transpositions, a near miss that must not drift.
  ['genarater', T.generator, 'typo'],
  ['itertaor protocol', T.iterator, 'typo'],
  ['comprehenshun', T.comprehensions, 'typo'],
  ['multiprocesing', 'When would you use threading, multiprocessing or asyncio?', 'typo'],
  ['garbge colector', 'What does the cyclic garbage collector do, and when does it run?', 'typo'],
  ['fixtrues', 'How do pytest fixtures work, and what are their scopes?', 'typo'],
  ['paramterize', 'How do you run one test over many inputs with `pytest.mark.parametrize`?', 'typo'],
  ['isolaton levles', 'What are transaction isolation levels, and which anomalies does each prevent?', 'typo'],
  ['contxt manager', T.contextManager, 'typo'],
  ['descripter', 'What is a descriptor, and how do properties and methods rely on them?', 'typo'],
  ['interpeter lock', T.gil, 'typo'],
  ['idempotancy', 'How do you make an API call safe to retry?', 'typo'],
  // Words the guide does not use for the thing.
  ['associative array', T.dicts, 'synonym'],
  ['mutex', T.race, 'synonym'],
  ['green threads', T.asyncAwait, 'synonym'],
  ['memoization', T.functools, 'synonym'],
  ['varargs', T.kwargs, 'synonym'],
  ['magic methods', 'What are dunder methods, and how do you overload operators?', 'synonym'],
  ['operator overloading', 'What are dunder methods, and how do you overload operators?', 'synonym'],
  ['static typing', 'Do type hints change how Python runs? Why use them?', 'synonym'],
  ['message queue', 'How do you run background jobs, and what can go wrong?', 'synonym'],
  ['throttling', 'Design a rate limiter.', 'synonym'],
  ['try catch finally', 'What do `else` and `finally` do in a `try` statement?', 'synonym'],
  ['switch statement', 'How does `match` (structural pattern matching) work?', 'synonym'],
  ['call by reference', 'Does Python pass arguments by value or by reference?', 'synonym'],
  ['hash collision', T.dicts, 'synonym'],
  ['object relational mapper', 'What are the trade-offs of using an ORM?', 'synonym'],
  ['string concatenation', 'Why is building a string with `+=` in a loop slow, and what should you do instead?', 'synonym'],
  ['big o notation dict', 'What is the time complexity of common list, dict and set operations?', 'synonym'],
  ['null values pandas', 'How do you handle missing data in pandas?', 'synonym'],
  // Dotted names where the page writes the short one, or writes it in full.
  ['itertools.chain', T.itertools, 'dotted'],
  ['functools.lru_cache', T.functools, 'dotted'],
  ['functools.partial', T.functools, 'dotted'],
  ['collections.deque', T.collections, 'dotted'],
  ['collections.Counter', T.collections, 'dotted'],
  ['contextlib.contextmanager', T.contextlib, 'dotted'],
  ['unittest.mock.patch', T.mock, 'dotted'],
  ['threading.Lock', T.race, 'dotted'],
  ['heapq.nlargest', 'How does `heapq` work, and how do you get the k largest items?', 'dotted'],
  ['bisect.insort', 'What is the `bisect` module for?', 'dotted'],
  ['copy.deepcopy', 'What is the difference between a shallow copy and a deep copy?', 'dotted'],
  ['sys.getrefcount', 'How does CPython manage memory?', 'dotted'],
  ['typing.Protocol', 'What is a `Protocol`, and how is it different from an abstract base class?', 'dotted'],
  ['abc.abstractmethod', 'What are abstract base classes, and when would you use one?', 'dotted'],
  // Identifiers with punctuation.
  ['**kwargs', T.kwargs, 'punctuation'],
  ['*args', T.kwargs, 'punctuation'],
  ['@property', T.property, 'punctuation'],
  [':=', T.walrus, 'punctuation'],
  ['async for', T.asyncAwait, 'punctuation'],
  ['__enter__ __exit__', T.contextManager, 'punctuation'],
  ['==', 'What is the difference between `==` and `is`?', 'punctuation'],
  ['yield from', 'What does `yield from` do?', 'punctuation'],
  // Questions in plain words.
  ['why does my loop variable change inside the closure', T.closure, 'question'],
  ['why does my default list keep growing between calls', T.mutableDefault, 'question'],
  ['how do I run code only when the file is executed directly', 'What does `if __name__ == "__main__":` do?', 'question'],
  ['how do I stop two threads from updating the same counter', T.race, 'question'],
  ['how do I read a huge file without loading it all into memory', 'How would you process a 50 GB log file in Python without running out of memory?', 'question'],
  ['why is my python program slow', 'How do you find out why a Python program is slow?', 'question'],
  ['what happens if I call time.sleep in async code', 'What happens when you call blocking code inside an async function?', 'question'],
  ['how do I store user passwords safely', 'How should a web application store passwords?', 'question'],
  ['why does changing the copy change the original list', 'What is the difference between a shallow copy and a deep copy?', 'question'],
  ['how do I test code that calls an external api', T.mock, 'question'],
  ['how do I run the same test with different inputs', 'How do you run one test over many inputs with `pytest.mark.parametrize`?', 'question'],
  ['why is 256 is 256 true but 257 is 257 false', 'What is interning, and why is `a is b` sometimes True for equal strings or integers?', 'question'],
  ['why should I not catch KeyboardInterrupt', "How is Python's exception hierarchy organised, and why not catch `BaseException`?", 'question'],
  ['what should I ask at the end of the interview', 'What questions should you ask the interviewer?', 'question'],
];

/**
 * Written after the engine's first changes and never tuned against: scripts/search-relevance
 * reports them apart, as a check that the changes were not fitted to the queries above. Not
 * asserted.
 */
const HELD_OUT = [
  ['decoratr with argumnets', 'How do you write a decorator that takes arguments?'],
  ['contextmanager decorator', T.contextlib],
  ['json web token', 'How do session cookies, tokens and JWTs compare for authentication?'],
  ['stable sort several keys', 'How do you sort a list of dicts by several keys, some in descending order?'],
  ['dataclasses.field', 'What do dataclasses give you, and how do they compare with namedtuple?'],
  ['typing.Optional', 'What does `X | Y` mean in a type hint, and how does it relate to `Optional`?'],
  ['pd.concat', 'How do `merge`, `join` and `concat` differ in pandas?'],
  ['@classmethod', 'What is the difference between `@staticmethod` and `@classmethod`?'],
  ['__init__.py', 'What is the difference between a module and a package, and how does `import` find them?'],
  ['f"{x!r}"', 'What can f-strings do beyond simple interpolation?'],
  ['why is my numpy loop slow', 'Why is vectorized NumPy code faster than a Python loop?'],
  ['how do I avoid hitting the database in a loop', 'What is the N+1 query problem, and how do you fix it?'],
  ['what is the difference between a process and a thread', 'When would you use threading, multiprocessing or asyncio?'],
  ['how do I make my api return the right error code', 'Which HTTP status codes should an API return, and when?'],
  ['singelton pattern', 'How do singleton, factory, strategy and observer look in idiomatic Python?'],
  ['garbage colection cycles', 'What does the cyclic garbage collector do, and when does it run?'],
  ['breadth first serch', 'How do you implement breadth-first and depth-first search, and when do you use each?'],
  ['dependency injection fastapi', "How do FastAPI's type hints, Pydantic models and dependencies work together?"],
  ['unit vs integration tests', 'How do you decide what to cover with unit, integration and end-to-end tests?'],
  ['continuous integration', 'How do you set up pre-commit hooks and CI for a Python project?'],
  ['how do I publish to pypi', 'What is a wheel, and how do you publish a package to PyPI?'],
];

/**
 * Queries measured but not asserted, each with why it misses. None today: "how do I test code
 * that calls an external api" missed until the mock page named external APIs in its text and
 * keywords (nothing else in the query names mocking).
 */
const KNOWN_MISSES = [];

module.exports = { ORIGINAL, ADDED, HELD_OUT, KNOWN_MISSES, ALL: ORIGINAL.concat(ADDED.map(([q, t]) => [q, t])) };
