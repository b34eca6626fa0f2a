// The protocol library for a screen: loads it on first use and gives one search index per library.
import { useEffect, useMemo } from 'react';
import type { Protocol } from '../../../../core/triage/protocol';
import { createProtocolSearch, type ProtocolSearch } from '../../../../core/triage/search';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { loadProtocolLibrary, selectProtocolLibraryState, selectProtocolList } from './protocolsSlice';

// One index per library array: the Protokoll section and every triage panel share it.
const indexes = new WeakMap<readonly Protocol[], ProtocolSearch>();

export function protocolSearchFor(protocols: readonly Protocol[]): ProtocolSearch {
  let index = indexes.get(protocols);
  if (!index) {
    index = createProtocolSearch(protocols);
    indexes.set(protocols, index);
  }
  return index;
}

export function useProtocolLibrary() {
  const dispatch = useAppDispatch();
  const { status, library, error } = useAppSelector(selectProtocolLibraryState);
  const protocols = useAppSelector(selectProtocolList);
  useEffect(() => {
    void dispatch(loadProtocolLibrary());
  }, [dispatch]);
  const search = useMemo(() => protocolSearchFor(protocols), [protocols]);
  return {
    status,
    protocols,
    problems: library?.problems ?? [],
    error,
    search,
    retry: () => void dispatch(loadProtocolLibrary()),
  };
}
