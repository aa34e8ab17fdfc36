import assert from 'node:assert/strict';
import type { ListingScope } from '../../../../src/core/model/scope';
import {
  LIST_PAGE_SIZE,
  SCOPE_LABELS,
  describeScope,
  matchesNameFilter,
  ownImageMatchesScope,
  scopeToDescribeImagesParams,
  validateScope,
} from '../../../../src/core/model/scope';

function scope(overrides: Partial<ListingScope> = {}): ListingScope {
  return {
    kind: 'owned',
    accountIds: [],
    nameFilter: '',
    includeDeprecated: false,
    includeDisabled: false,
    ...overrides,
  };
}

const PUBLIC_NEEDS_FILTER =
  'Listing all public images needs a name filter: there are tens of thousands of them in every region. Set a name filter (for example "ubuntu/images/*") first.';
const MARKETPLACE_NEEDS_FILTER =
  'Listing AWS Marketplace images needs a name filter: there are tens of thousands of them in every region. Set a name filter (for example "ubuntu/images/*") first.';

describe('core/model/scope', () => {
  it('pages by 1000', () => {
    assert.equal(LIST_PAGE_SIZE, 1000);
  });

  describe('scopeToDescribeImagesParams', () => {
    it('owned → Owners=self', () => {
      assert.deepEqual(scopeToDescribeImagesParams(scope()), {
        MaxResults: 1000,
        Owners: ['self'],
      });
    });

    it('shared → ExecutableUsers=self (account and organization shares), no Owners', () => {
      assert.deepEqual(scopeToDescribeImagesParams(scope({ kind: 'shared' })), {
        MaxResults: 1000,
        ExecutableUsers: ['self'],
      });
    });

    it('amazon → Owners=amazon', () => {
      assert.deepEqual(scopeToDescribeImagesParams(scope({ kind: 'amazon' })), {
        MaxResults: 1000,
        Owners: ['amazon'],
      });
    });

    it('aws-marketplace with a name filter → Owners=aws-marketplace and a name Filter', () => {
      assert.deepEqual(
        scopeToDescribeImagesParams(scope({ kind: 'aws-marketplace', nameFilter: 'centos*' })),
        {
          MaxResults: 1000,
          Owners: ['aws-marketplace'],
          Filters: [{ Name: 'name', Values: ['centos*'] }],
        },
      );
    });

    it('accounts → Owners=the account ids (a copy, not the setting array)', () => {
      const accountIds = ['111111111111', '222222222222'];
      const params = scopeToDescribeImagesParams(scope({ kind: 'accounts', accountIds }));
      assert.deepEqual(params, { MaxResults: 1000, Owners: ['111111111111', '222222222222'] });
      assert.notEqual(params.Owners, accountIds);
    });

    it('public with a name filter → ExecutableUsers=all plus name and is-public Filters', () => {
      assert.deepEqual(
        scopeToDescribeImagesParams(scope({ kind: 'public', nameFilter: 'ubuntu/images/*' })),
        {
          MaxResults: 1000,
          ExecutableUsers: ['all'],
          Filters: [
            { Name: 'name', Values: ['ubuntu/images/*'] },
            { Name: 'is-public', Values: ['true'] },
          ],
        },
      );
    });

    it('sends several comma-separated patterns as the values of ONE name filter', () => {
      assert.deepEqual(scopeToDescribeImagesParams(scope({ nameFilter: ' web-* , api-?? ,' })), {
        MaxResults: 1000,
        Owners: ['self'],
        Filters: [{ Name: 'name', Values: ['web-*', 'api-??'] }],
      });
    });

    it('sets IncludeDeprecated / IncludeDisabled only when asked', () => {
      assert.deepEqual(
        scopeToDescribeImagesParams(scope({ includeDeprecated: true, includeDisabled: true })),
        { MaxResults: 1000, Owners: ['self'], IncludeDeprecated: true, IncludeDisabled: true },
      );
      assert.deepEqual(scopeToDescribeImagesParams(scope({ includeDeprecated: true })), {
        MaxResults: 1000,
        Owners: ['self'],
        IncludeDeprecated: true,
      });
      const plain = scopeToDescribeImagesParams(scope({ kind: 'amazon' }));
      assert.equal('IncludeDeprecated' in plain, false);
      assert.equal('IncludeDisabled' in plain, false);
      assert.equal('Filters' in plain, false);
    });

    it('throws the validation message for a scope that cannot be listed', () => {
      assert.throws(() => scopeToDescribeImagesParams(scope({ kind: 'public' })), {
        message: PUBLIC_NEEDS_FILTER,
      });
    });
  });

  describe('validateScope', () => {
    it('accepts the simple scopes without any filter', () => {
      for (const kind of ['owned', 'shared', 'amazon'] as const) {
        assert.equal(validateScope(scope({ kind })), undefined, kind);
      }
    });

    it('refuses public and aws-marketplace without a name filter (blank or commas only too)', () => {
      assert.equal(validateScope(scope({ kind: 'public' })), PUBLIC_NEEDS_FILTER);
      assert.equal(
        validateScope(scope({ kind: 'public', nameFilter: '   ' })),
        PUBLIC_NEEDS_FILTER,
      );
      assert.equal(validateScope(scope({ kind: 'aws-marketplace' })), MARKETPLACE_NEEDS_FILTER);
      assert.equal(
        validateScope(scope({ kind: 'public', nameFilter: ' , ' })),
        'The name filter has no pattern in it.',
      );
      assert.equal(validateScope(scope({ kind: 'public', nameFilter: 'amzn2-*' })), undefined);
    });

    it('refuses an invalid name filter whatever the kind', () => {
      assert.match(validateScope(scope({ nameFilter: 'bad{name}' })) ?? '', /^A name filter uses/);
    });

    it('needs at least one valid account id for the accounts scope', () => {
      assert.equal(
        validateScope(scope({ kind: 'accounts' })),
        'Add at least one account id to list its images.',
      );
      assert.equal(
        validateScope(scope({ kind: 'accounts', accountIds: ['111111111111', '123', 'abc'] })),
        'Not account ids (12 digits): 123, abc.',
      );
      assert.equal(
        validateScope(scope({ kind: 'accounts', accountIds: ['111111111111'] })),
        undefined,
      );
    });

    it('shows refused account ids safely', () => {
      assert.equal(
        validateScope(scope({ kind: 'accounts', accountIds: ['1111\n2222'] })),
        'Not account ids (12 digits): 1111\\n2222.',
      );
    });

    it('ignores accountIds for other kinds', () => {
      assert.equal(validateScope(scope({ kind: 'owned', accountIds: ['nope'] })), undefined);
      assert.deepEqual(scopeToDescribeImagesParams(scope({ accountIds: ['111111111111'] })), {
        MaxResults: 1000,
        Owners: ['self'],
      });
    });
  });

  describe('describeScope', () => {
    it('uses the label of the kind', () => {
      assert.equal(describeScope(scope()), 'Owned by me');
      assert.equal(describeScope(scope({ kind: 'shared' })), 'Shared with me');
      assert.equal(describeScope(scope({ kind: 'amazon' })), 'Amazon');
      assert.equal(describeScope(scope({ kind: 'public' })), 'All public images');
      assert.equal(describeScope(scope({ kind: 'aws-marketplace' })), 'AWS Marketplace');
      assert.equal(describeScope(scope({ kind: 'accounts' })), SCOPE_LABELS.accounts);
    });

    it('names the accounts, the patterns and the options', () => {
      assert.equal(
        describeScope(
          scope({
            kind: 'accounts',
            accountIds: ['111111111111', '222222222222'],
            nameFilter: 'a*, b*',
            includeDeprecated: true,
            includeDisabled: true,
          }),
        ),
        'Owned by 111111111111, 222222222222 · name: a*, b* · +deprecated · +disabled',
      );
      assert.equal(
        describeScope(scope({ nameFilter: ' web-* ', includeDisabled: true })),
        'Owned by me · name: web-* · +disabled',
      );
    });
  });

  describe('matchesNameFilter (EC2 wildcard semantics)', () => {
    it('matches everything when there is no pattern', () => {
      assert.equal(matchesNameFilter('anything', ''), true);
      assert.equal(matchesNameFilter(undefined, ' , '), true);
    });

    it('* is any run of characters, ? exactly one, anchored at both ends', () => {
      assert.equal(matchesNameFilter('web-2024-05-01', 'web-*'), true);
      assert.equal(matchesNameFilter('my-web-1', 'web-*'), false);
      assert.equal(matchesNameFilter('abc', 'a?c'), true);
      assert.equal(matchesNameFilter('ac', 'a?c'), false);
      assert.equal(matchesNameFilter('abbc', 'a?c'), false);
      assert.equal(matchesNameFilter('ubuntu/images/hvm-ssd/x', 'ubuntu/images/*'), true);
    });

    it('is case-sensitive, like EC2', () => {
      assert.equal(matchesNameFilter('Web-1', 'web-*'), false);
    });

    it('treats every other character literally (., parentheses, brackets, +)', () => {
      assert.equal(matchesNameFilter('v1.0 (x) [y]+', 'v1.0 (x) [y]+'), true);
      assert.equal(matchesNameFilter('v1x0 (x) [y]+', 'v1.0 (x) [y]+'), false);
      assert.equal(matchesNameFilter('y', '[y]'), false);
    });

    it('matches when any comma-separated pattern matches; unnamed images match only *', () => {
      assert.equal(matchesNameFilter('bee', 'a*, b*'), true);
      assert.equal(matchesNameFilter('cat', 'a*, b*'), false);
      assert.equal(matchesNameFilter(undefined, 'a*'), false);
      assert.equal(matchesNameFilter(undefined, '*'), true);
    });
  });

  describe('ownImageMatchesScope', () => {
    const own = { name: 'web-1', state: 'pending' };

    it('only the owned scope lists images the caller just created', () => {
      assert.equal(ownImageMatchesScope(own, scope()), true);
      for (const kind of ['shared', 'amazon', 'public', 'aws-marketplace'] as const) {
        assert.equal(ownImageMatchesScope(own, scope({ kind, nameFilter: '*' })), false, kind);
      }
    });

    it('applies the name filter', () => {
      assert.equal(ownImageMatchesScope(own, scope({ nameFilter: 'web-*' })), true);
      assert.equal(ownImageMatchesScope(own, scope({ nameFilter: 'api-*' })), false);
    });

    it('leaves out disabled images unless the scope includes them', () => {
      const disabled = { name: 'web-1', state: 'disabled' };
      assert.equal(ownImageMatchesScope(disabled, scope()), false);
      assert.equal(ownImageMatchesScope(disabled, scope({ includeDisabled: true })), true);
    });

    it('keeps deprecated images: EC2 always lists deprecated AMIs to their owner', () => {
      const deprecated = {
        name: 'web-1',
        state: 'available',
        deprecationTime: '2020-01-01T00:00:00Z',
      };
      assert.equal(ownImageMatchesScope(deprecated, scope({ includeDeprecated: false })), true);
    });
  });
});
