"""/api/v1/people: natural persons, legal persons, agent authorisations, and "who viewed my data".

Lists are masked; `GET /persons/{id}` is unmasked and recorded in the person's access log. Invalid
公民身份号码 / 统一社会信用代码 come back as 422 problem+json whose `detail` names exactly what is wrong.
Document numbers are never put in a URL (access logs keep URLs): look a person up by number with
`POST /persons/lookup`.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from tongban.people import selectors, services
from tongban.people.identity import DocumentKind
from tongban.people.models import AgentAuthorisation, LegalPerson

router = Router(tags=["people 申请人"])

PAGE_SIZE = 20


class PersonIn(Schema):
    name: str = Field(..., description="姓名")
    id_type: DocumentKind = Field(DocumentKind.RESIDENT_ID, description="证件类型")
    id_number: str = Field(..., description="证件号码；居民身份证按 GB 11643-1999 校验")
    phone: str = Field("", description="联系电话")
    address: str = Field("", description="联系地址")


class PersonRowOut(Schema):
    """A masked person: 姓名、证件号码、电话 are partly hidden."""

    id: int
    name: str
    id_type: str
    id_type_label: str
    id_number: str
    phone: str
    has_account: bool
    verified: bool


class PersonDetailOut(Schema):
    id: int
    name: str
    id_type: str
    id_type_label: str
    id_number: str
    birth_date: date | None
    gender: str
    gender_label: str
    phone: str
    address: str
    has_account: bool
    verified_at: datetime | None
    created_at: datetime


class PersonLookupIn(Schema):
    id_type: DocumentKind = DocumentKind.RESIDENT_ID
    id_number: str


class ContactIn(Schema):
    phone: str | None = Field(None, description="新的联系电话；不传则不变")
    address: str | None = Field(None, description="新的联系地址；不传则不变")


class LegalPersonIn(Schema):
    name: str
    uscc: str = Field(..., description="统一社会信用代码，按 GB 32100-2015 校验")
    legal_representative_name: str
    legal_representative_id_type: DocumentKind = DocumentKind.RESIDENT_ID
    legal_representative_id_number: str
    address: str = ""


class LegalPersonRowOut(Schema):
    id: int
    name: str
    uscc: str
    organisation_type: str
    organisation_type_label: str
    division_code: str
    legal_representative_name: str
    legal_representative_id_number: str = Field(..., description="已脱敏")


class AuthorisationIn(Schema):
    agent_id: int = Field(..., description="代办人（自然人）编号")
    principal_person_id: int | None = Field(None, description="委托人为自然人时填写")
    principal_legal_person_id: int | None = Field(None, description="委托人为法人时填写")
    scope: str = Field(..., description="委托事项和权限")
    valid_from: date
    valid_until: date


class RevokeIn(Schema):
    reason: str = ""


class AuthorisationOut(Schema):
    id: int
    agent_id: int
    principal_person_id: int | None
    principal_legal_person_id: int | None
    scope: str
    valid_from: date
    valid_until: date
    recorded_at: datetime
    revoked_at: datetime | None
    revoke_reason: str
    in_force_today: bool

    @staticmethod
    def resolve_in_force_today(obj: AgentAuthorisation) -> bool:
        return obj.is_in_force(timezone.localdate())


class AccessLogOut(Schema):
    at: datetime
    actor: str = Field(..., description="查看或操作的人；本人操作显示“本人”")
    by_self: bool
    action: str
    action_label: str
    summary: str
    fields: list[str]
    purpose: str
    ip: str | None


# ---------------------------------------------------------------------------------------------------------
# Natural persons


@router.get("/persons", response=list[PersonRowOut], summary="自然人名录（脱敏，办件人员）")
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def list_persons(request, q: str = ""):
    return selectors.person_list(actor=request.user, q=q)


@router.post("/persons/lookup", response=list[PersonRowOut], summary="按证件号码精确查找（脱敏，办件人员）")
def lookup_persons(request, payload: PersonLookupIn):
    rows = selectors.person_list(actor=request.user, id_type=payload.id_type.value, id_number=payload.id_number)
    return rows[:PAGE_SIZE]


@router.post("/persons", response={201: PersonRowOut}, summary="登记自然人（办件人员，或申请人登记本人）")
def register_person(request, payload: PersonIn):
    person = services.person_register(
        actor=request.user, name=payload.name, id_type=payload.id_type.value, id_number=payload.id_number,
        phone=payload.phone, address=payload.address, request=request,
    )
    return Status(201, selectors.person_row(person))


@router.get("/persons/{person_id}", response=PersonDetailOut, summary="自然人完整信息（记入本人查询记录）")
def get_person(request, person_id: int, purpose: str = ""):
    return selectors.person_detail(actor=request.user, person=person_id, purpose=purpose, request=request)


@router.patch("/persons/{person_id}/contact", response=PersonRowOut, summary="修改联系方式")
def update_contact(request, person_id: int, payload: ContactIn):
    person = selectors.person_get(person_id=person_id)
    person = services.person_update_contact(
        actor=request.user, person=person, phone=payload.phone, address=payload.address, request=request
    )
    return selectors.person_row(person)


# ---------------------------------------------------------------------------------------------------------
# Legal persons


@router.get("/legal-persons", response=list[LegalPersonRowOut], summary="法人名录（办件人员）")
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def list_legal_persons(request, q: str = ""):
    return selectors.legal_person_list(actor=request.user, q=q)


@router.post("/legal-persons", response={201: LegalPersonRowOut}, summary="登记法人和其他组织（办件人员）")
def register_legal_person(request, payload: LegalPersonIn):
    legal_person: LegalPerson = services.legal_person_register(
        actor=request.user,
        name=payload.name,
        uscc=payload.uscc,
        legal_representative_name=payload.legal_representative_name,
        legal_representative_id_type=payload.legal_representative_id_type.value,
        legal_representative_id_number=payload.legal_representative_id_number,
        address=payload.address,
        request=request,
    )
    return Status(201, selectors.legal_person_row(legal_person))


# ---------------------------------------------------------------------------------------------------------
# Agent authorisations


@router.post("/agent-authorisations", response={201: AuthorisationOut}, summary="登记代办授权")
def authorise_agent(request, payload: AuthorisationIn):
    principal = selectors.principal_get(
        person_id=payload.principal_person_id, legal_person_id=payload.principal_legal_person_id
    )
    agent = selectors.person_get(person_id=payload.agent_id)
    authorisation = services.agent_authorise(
        actor=request.user, agent=agent, principal=principal, scope=payload.scope,
        valid_from=payload.valid_from, valid_until=payload.valid_until, request=request,
    )
    return Status(201, authorisation)


@router.post("/agent-authorisations/{authorisation_id}/revoke", response=AuthorisationOut, summary="撤销代办授权")
def revoke_authorisation(request, authorisation_id: int, payload: RevokeIn | None = None):
    authorisation = selectors.agent_authorisation_get(authorisation_id=authorisation_id)
    return services.agent_authorisation_revoke(
        actor=request.user, authorisation=authorisation, reason=payload.reason if payload else "", request=request
    )


# ---------------------------------------------------------------------------------------------------------
# Me


@router.get("/me/access-log", response=list[AccessLogOut], summary="谁查看了我的信息")
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def my_access_log(request):
    return selectors.my_access_log(user=request.user)
